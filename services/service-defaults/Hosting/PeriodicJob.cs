using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PartyGrid.ServiceDefaults.Hosting;

/// <summary>
/// Background work that runs at start and then every <see cref="Interval"/> on the injected clock
/// (so tests drive it with a fake one). A failed run is logged and retried at the next tick; a run
/// must therefore be safe to repeat and safe beside other replicas doing the same.
/// </summary>
public abstract partial class PeriodicJob(TimeProvider time, ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    /// <summary>What this job does, in words for its log lines.</summary>
    protected abstract string Work { get; }

    protected TimeProvider Time => time;

    // Never waited on through its wait handle, so it holds nothing that needs disposing.
    private readonly SemaphoreSlim oneRunAtATime = new(1, 1);

    /// <summary>
    /// One run; returns how many things it handled. Runs in one process never overlap: a run asked for
    /// while the timer's is going waits for it, so it sees what that run committed instead of skipping
    /// the rows the other still holds locked.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await oneRunAtATime.WaitAsync(cancellationToken);
        try
        {
            return await RunAsync(cancellationToken);
        }
        finally
        {
            oneRunAtATime.Release();
        }
    }

    /// <summary>The work of one run; returns how many things it handled.</summary>
    protected abstract Task<int> RunAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                var handled = await RunOnceAsync(stoppingToken);
                if (handled > 0)
                {
                    LogHandled(logger, Work, handled);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex, Work);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Work}: {Count} handled")]
    private static partial void LogHandled(ILogger logger, string work, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Work} failed; retrying at the next run")]
    private static partial void LogFailed(ILogger logger, Exception exception, string work);
}
