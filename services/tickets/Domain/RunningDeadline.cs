namespace PartyGrid.Tickets.Domain;

public enum DeadlineKind
{
    /// <summary>A site must answer (accept or settle) the ticket.</summary>
    Response,

    /// <summary>The matter must be resolved.</summary>
    Resolution,
}

/// <summary>The deadline an open ticket runs against and the instant 80 % of its working time is used.</summary>
public sealed record RunningDeadline(DeadlineKind Kind, DateTimeOffset DueAt, DateTimeOffset WarnAt);
