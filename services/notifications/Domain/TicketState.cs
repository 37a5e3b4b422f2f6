namespace PartyGrid.Notifications.Domain;

/// <summary>
/// The last state of a ticket this service has seen: enough to tell what a newer snapshot changed.
/// Snapshots older than it are stale and announce nothing, so an older state is never sent after a
/// newer one. A ticket's first row is version 0, submitted: what a new ticket starts from.
/// </summary>
public sealed class TicketState
{
    public Guid TicketId { get; init; }

    public long Version { get; private set; }

    public TicketStatus Status { get; private set; }

    public int EscalationCount { get; private set; }

    public int ReopenCount { get; private set; }

    public int RatingCount { get; private set; }

    public bool Supervised { get; private set; }

    /// <summary>The event types <paramref name="ticket"/> announces against this state, which then moves to it; none for a stale snapshot.</summary>
    public IReadOnlyList<string> Advance(TicketChanged ticket)
    {
        if (ticket.Version <= Version)
        {
            return [];
        }

        var ratings = ticket.Ratings?.Count ?? (ticket.Rating is null ? 0 : 1);
        var types = new List<string>();
        void When(bool changed, string type)
        {
            if (changed)
            {
                types.Add(type);
            }
        }

        When(ticket.Status == TicketStatus.Accepted && Status != TicketStatus.Accepted, WebhookEventTypes.Accepted);
        When(ticket.EscalationCount > EscalationCount, WebhookEventTypes.Escalated);
        When(ticket.Supervised && !Supervised, WebhookEventTypes.Supervised);
        When(ticket.Status == TicketStatus.Resolved && Status != TicketStatus.Resolved, WebhookEventTypes.Resolved);
        When(ratings > RatingCount, WebhookEventTypes.Rated);
        When(ticket.ReopenCount > ReopenCount, WebhookEventTypes.Reopened);
        When(ticket.Status == TicketStatus.Closed && Status != TicketStatus.Closed, WebhookEventTypes.Closed);

        (Version, Status, EscalationCount, ReopenCount, RatingCount, Supervised) =
            (ticket.Version, ticket.Status, ticket.EscalationCount, ticket.ReopenCount, ratings, ticket.Supervised);
        return types;
    }
}
