using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PartyGrid.ServiceDefaults.Snapshots;

/// <summary>
/// Publishes the service's snapshots again, in the background, when asked (by an admin or by a
/// <c>SnapshotsRequested</c> event). Requests that arrive while a run is going coalesce into one more
/// run, so a burst of asks does not publish everything many times.
/// </summary>
public sealed partial class SnapshotRepublisher(
    IEnumerable<ISnapshotSource> sources, IServiceScopeFactory scopes, TimeProvider time, ILogger<SnapshotRepublisher> logger) : BackgroundService
{
    private readonly Channel<string> requests = Channel.CreateBounded<string>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Asks for a run; returns at once.</summary>
    public void Request(string requestedBy) => requests.Writer.TryWrite(requestedBy);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var requestedBy in requests.Reader.ReadAllAsync(stoppingToken))
        {
            foreach (var source in sources)
            {
                try
                {
                    var count = await source.RepublishAsync(scopes, time, stoppingToken);
                    LogRepublished(logger, count, source.EventName, requestedBy);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The outbox holds what was staged; a failed run is asked for again, not retried blindly.
                    LogFailed(logger, ex, source.EventName, requestedBy);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Republished {Count} {Event} snapshots, asked by {RequestedBy}")]
    private static partial void LogRepublished(ILogger logger, int count, string @event, string requestedBy);

    [LoggerMessage(Level = LogLevel.Error, Message = "Republishing {Event} snapshots, asked by {RequestedBy}, failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string @event, string requestedBy);
}
