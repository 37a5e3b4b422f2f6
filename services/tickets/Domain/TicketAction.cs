namespace PartyGrid.Tickets.Domain;

/// <summary>What can be done to a ticket; each is allowed in the statuses of <see cref="TicketActions"/>.</summary>
public enum TicketAction
{
    Accept,
    Assign,
    Suspend,
    Resume,
    Resolve,
    Escalate,
    Rate,
    Reopen,
    Close,
    Cancel,
    Comment,
}

/// <summary>
/// The lifecycle as one table: the statuses each action is allowed in. The aggregate refuses by it,
/// and the API tells a console which actions to offer by it, so the two cannot disagree.
/// </summary>
public static class TicketActions
{
    private static readonly TicketStatus[] Working = [TicketStatus.Accepted, TicketStatus.InProgress, TicketStatus.Reopened];

    private static readonly Dictionary<TicketAction, TicketStatus[]> AllowedIn = new()
    {
        [TicketAction.Accept] = [TicketStatus.Submitted],
        [TicketAction.Assign] = Working,
        [TicketAction.Suspend] = [TicketStatus.Submitted, .. Working],
        [TicketAction.Resume] = [TicketStatus.Suspended],
        [TicketAction.Resolve] = [TicketStatus.Submitted, .. Working],
        [TicketAction.Escalate] = [.. Ticket.Open.Members],
        [TicketAction.Rate] = [TicketStatus.Resolved],
        [TicketAction.Reopen] = [TicketStatus.Resolved, TicketStatus.Closed],
        [TicketAction.Close] = [TicketStatus.Resolved],
        [TicketAction.Cancel] = [TicketStatus.Submitted, TicketStatus.Suspended, .. Working],
        [TicketAction.Comment] = Enum.GetValues<TicketStatus>(),
    };

    public static IReadOnlyList<TicketStatus> StatusesFor(TicketAction action) => AllowedIn[action];

    public static bool Allows(this TicketAction action, TicketStatus status) => AllowedIn[action].Contains(status);
}
