using Microsoft.Extensions.Options;
using PartyGrid.ServiceDefaults.Hosting;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Projections;
using PartyGrid.Tickets.Catalogue;

namespace PartyGrid.Tickets.Jobs;

/// <summary>
/// Watches the deadlines: flags tickets 80 % into a deadline, escalates tickets past their
/// resolution deadline (supervision at the county), and closes resolved tickets nobody rated. Rows
/// are claimed with <c>FOR UPDATE SKIP LOCKED</c> and each action moves the ticket past its trigger
/// (a new deadline, the supervised flag, a closed status) in the same transaction, so each deadline
/// acts at most once however many replicas run.
/// </summary>
public sealed class TicketClockJob(
    IServiceScopeFactory scopes, TicketReferenceData reference, OrganisationCache organisations, TicketMetrics metrics, IOptions<TicketOptions> options, TimeProvider time, ILogger<TicketClockJob> logger)
    : PeriodicJob(time, logger)
{
    private const int Batch = 500;
    private static readonly string Open = Ticket.Open.SqlFilter("status");

    protected override TimeSpan Interval => options.Value.ClockInterval;

    protected override string Work => "Ticket deadlines";

    protected override async Task<int> RunAsync(CancellationToken cancellationToken) =>
        await WarnAsync(cancellationToken) + await EscalateAsync(cancellationToken) + await AutoCloseAsync(cancellationToken);

    private Task<int> WarnAsync(CancellationToken cancellationToken) => ClaimAsync(
        now => $"SELECT * FROM tickets WHERE {Open} AND NOT warned AND (CASE WHEN status = 'submitted' THEN response_warn_at ELSE resolution_warn_at END) <= '{now:O}'::timestamptz",
        (ticket, _, now) =>
        {
            if (ticket.WarnIfDue(now))
            {
                metrics.Warned();
            }

            return Task.FromResult(false);
        },
        cancellationToken);

    private Task<int> EscalateAsync(CancellationToken cancellationToken) => ClaimAsync(
        now => $"SELECT * FROM tickets WHERE {Open} AND resolution_due_at <= '{now:O}'::timestamptz AND NOT (current_tier = 'county' AND supervised)",
        async (ticket, db, now) =>
        {
            metrics.Overdue(ticket.CurrentTier);
            var snapshot = await reference.CurrentAsync(cancellationToken);
            var scope = new ProjectedScope<TicketsDbContext>(db, organisations);
            await EscalationStep.EscalateAsync(
                db, ticket, (id, ct) => EscalationStep.SiteAboveAsync(scope, id, ct), $"Resolution deadline {ticket.ResolutionDueAt:O} passed at the {PartyGrid.Contracts.WireName.Of(ticket.CurrentTier)}",
                automatic: true, new TicketClock(snapshot.Calendar, ticket.Deadlines, ticket.Priority), Actor.System, metrics, now, cancellationToken);
            return true;
        },
        cancellationToken);

    private Task<int> AutoCloseAsync(CancellationToken cancellationToken) => ClaimAsync(
        now => $"SELECT * FROM tickets WHERE status = 'resolved' AND auto_close_at <= '{now:O}'::timestamptz",
        (ticket, _, now) =>
        {
            ticket.Close(Actor.System, now, "closed-automatically");
            return Task.FromResult(true);
        },
        cancellationToken);

    /// <summary>Claims due tickets and applies <paramref name="act"/>; a true result publishes the ticket's new snapshot.</summary>
    private async Task<int> ClaimAsync(
        Func<DateTimeOffset, string> dueSql, Func<Ticket, TicketsDbContext, DateTimeOffset, Task<bool>> act, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TicketsDbContext>();
        var now = Time.StoredNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // The statement is built from constants and a formatted instant only; nothing user-supplied.
#pragma warning disable EF1002
        var due = await db.Tickets.FromSqlRaw($"{dueSql(now)} ORDER BY id LIMIT {Batch} FOR UPDATE SKIP LOCKED")
#pragma warning restore EF1002
            .IgnoreAutoIncludes()
            .ToListAsync(cancellationToken);
        foreach (var ticket in due)
        {
            if (await act(ticket, db, now))
            {
                db.Publish(ticket.ToEvent(), now);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }
}
