using PartyGrid.ServiceDefaults.Hosting;
using PartyGrid.ServiceDefaults.Messaging;

namespace PartyGrid.Organisations.Jobs;

/// <summary>
/// Raises <c>TermExpiring</c> for terms entering their last six months or last month. Runs at start
/// and then hourly; the date is Shanghai's. Terms are claimed with <c>SKIP LOCKED</c> and the reminder
/// is recorded with its outbox row, so replicas and restarts never send one twice.
/// </summary>
public sealed class TermReminderJob(IServiceScopeFactory scopes, TimeProvider time, ILogger<TermReminderJob> logger) : PeriodicJob(time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override string Work => "Term expiry reminders";

    /// <summary>Sends every reminder due today; returns how many.</summary>
    protected override async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrganisationsDbContext>();
        var today = ChinaTime.Today(Time);
        var horizon = today.AddMonths(6);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var candidates = await db.Terms
            .FromSql($"SELECT * FROM terms WHERE NOT superseded AND last_reminder_months <> 1 AND expires_on > {today} AND expires_on <= {horizon} FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);

        var now = Time.GetUtcNow();
        var sent = 0;
        foreach (var term in candidates)
        {
            if (term.DueReminder(today) is { } months)
            {
                db.Publish(term.Remind(months), now);
                sent++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return sent;
    }
}
