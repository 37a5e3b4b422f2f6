using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Projections;

namespace PartyGrid.Tickets.Domain;

/// <summary>
/// One escalation as both a handler (through the API) and the ticket clock (past the deadline) take
/// it: to the site above, or under supervision at the county; the event staged and counted.
/// </summary>
public static class EscalationStep
{
    /// <summary>The site one tier up in the projected tree; null at the county.</summary>
    public static async Task<OrganisationAt?> SiteAboveAsync(ProjectedScope<TicketsDbContext> scope, Guid organisationId, CancellationToken cancellationToken)
    {
        var organisation = await scope.FindAsync(organisationId, cancellationToken);
        var parent = organisation?.ParentId is { } parentId ? await scope.FindAsync(parentId, cancellationToken) : null;
        return parent is null ? null : new OrganisationAt(parent.Id, parent.Tier);
    }

    /// <summary>Escalates or, at the county, supervises; stages the event and counts it.</summary>
    public static async Task EscalateAsync(
        DbContext db, Ticket ticket, Func<Guid, CancellationToken, Task<OrganisationAt?>> parentOf, string reason, bool automatic,
        TicketClock clock, Actor actor, TicketMetrics metrics, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var from = ticket.CurrentTier;
        var parent = await parentOf(ticket.CurrentOrganisationId, cancellationToken);
        var escalated = parent is null && automatic
            ? ticket.Supervise(reason, actor, now)
            : ticket.Escalate(parent, reason, automatic, clock, actor, now);
        if (escalated is not null)
        {
            db.Publish(escalated, now);
            metrics.Escalated(from, automatic);
        }
    }
}
