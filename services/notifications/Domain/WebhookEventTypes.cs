namespace PartyGrid.Notifications.Domain;

/// <summary>The ticket events a partner may subscribe to, as Standard Webhooks <c>type</c> values.</summary>
public static class WebhookEventTypes
{
    public const string Accepted = "ticket.accepted";
    public const string Escalated = "ticket.escalated";
    public const string Resolved = "ticket.resolved";
    public const string Closed = "ticket.closed";
    public const string Reopened = "ticket.reopened";
    public const string Rated = "ticket.rated";
    public const string Supervised = "ticket.supervised";

    public static readonly IReadOnlyList<string> All = [Accepted, Escalated, Resolved, Closed, Reopened, Rated, Supervised];
}
