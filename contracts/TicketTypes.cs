namespace PartyGrid.Contracts;

/// <summary>The five kinds of matter of the service model.</summary>
public enum TicketCategory
{
    Errand = 1,
    Dispute = 2,
    Assistance = 3,
    Consultation = 4,
    GoodDeed = 5,
}

public enum TicketChannel
{
    WalkIn = 1,
    Phone = 2,
    Sms = 3,
    Web = 4,
    Partner = 5,
}

public enum TicketPriority
{
    Normal = 1,
    Urgent = 2,
}

public enum TicketStatus
{
    Submitted = 1,
    Accepted = 2,
    InProgress = 3,
    Suspended = 4,
    Resolved = 5,
    Closed = 6,
    Cancelled = 7,
    Reopened = 8,
}
