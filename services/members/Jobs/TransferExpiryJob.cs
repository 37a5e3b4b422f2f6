using Microsoft.EntityFrameworkCore;
using PartyGrid.Contracts;
using PartyGrid.Members.Data;
using PartyGrid.Members.Domain;
using PartyGrid.ServiceDefaults.Hosting;

namespace PartyGrid.Members.Jobs;

/// <summary>
/// Closes transfers whose validity has run out. Runs at start and then every 10 minutes, on Shanghai
/// dates; rows are claimed with <c>SKIP LOCKED</c> so replicas share the work without doing it twice.
/// Actions on a transfer past its validity are refused even before this job has closed it.
/// </summary>
public sealed partial class TransferExpiryJob(IServiceScopeFactory scopes, TimeProvider time, ILogger<TransferExpiryJob> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                var expired = await ExpireAsync(stoppingToken);
                if (expired > 0)
                {
                    LogExpired(logger, expired);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Expires every transfer past its validity today; returns how many.</summary>
    public async Task<int> ExpireAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MembersDbContext>();
        var today = ChinaTime.Today(time);
        var now = time.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await db.Transfers
            .FromSql($"SELECT * FROM transfers WHERE status IN ('requested', 'in-approval', 'awaiting-receipt') AND valid_until < {today} FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
        var expired = due.Count(t => t.ExpireIfDue(today, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return expired;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Expired {Count} transfers past their validity")]
    private static partial void LogExpired(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Transfer expiry failed; retrying at the next run")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
