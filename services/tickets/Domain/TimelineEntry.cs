namespace PartyGrid.Tickets.Domain;

/// <summary>One change of a ticket: who, when, where the ticket was, what became of it and why.</summary>
public sealed class TimelineEntry
{
    public Guid Id { get; init; }

    /// <summary>Assigned by the database: the order of entries, even within one instant.</summary>
    public long Sequence { get; init; }

    public Guid TicketId { get; init; }

    public DateTimeOffset At { get; init; }

    public required string Action { get; init; }

    public required string Actor { get; init; }

    public Guid OrganisationId { get; init; }

    public TicketStatus? FromStatus { get; init; }

    public TicketStatus ToStatus { get; init; }

    public string? Note { get; init; }
}

/// <summary>An organisation that has held the ticket: its subtree may read it ever after.</summary>
public sealed class TicketHandler(Guid ticketId, Guid organisationId)
{
    public Guid TicketId { get; init; } = ticketId;

    public Guid OrganisationId { get; init; } = organisationId;
}

/// <summary>Who does something to a ticket: a staff member (subject) or <see cref="System"/>.</summary>
public sealed record Actor(string Subject)
{
    public static readonly Actor System = new("system");
}
