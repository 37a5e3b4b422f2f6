using PartyGrid.ServiceDefaults.Hosting;

namespace PartyGrid.Members.Jobs;

/// <summary>
/// Closes transfers whose validity has run out. Runs at start and then every 10 minutes, on Shanghai
/// dates; rows are claimed with <c>SKIP LOCKED</c> so replicas share the work without doing it twice.
/// Actions on a transfer past its validity are refused even before this job has closed it.
/// </summary>
public sealed class TransferExpiryJob(IServiceScopeFactory scopes, TimeProvider time, ILogger<TransferExpiryJob> logger) : PeriodicJob(time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(10);

    protected override string Work => "Transfer expiry";

    /// <summary>Expires every transfer past its validity today; returns how many.</summary>
    protected override async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MembersDbContext>();
        var today = ChinaTime.Today(Time);
        var now = Time.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await db.Transfers
            .FromSql($"SELECT * FROM transfers WHERE status IN ('requested', 'in-approval', 'awaiting-receipt') AND valid_until < {today} FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
        var expired = due.Count(t => t.ExpireIfDue(today, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return expired;
    }
}
