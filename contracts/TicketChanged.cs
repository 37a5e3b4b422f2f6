namespace PartyGrid.Contracts;

/// <summary>
/// A ticket as it now is, with what assessment counts: where it was taken in and where it is, its
/// times and deadlines, where it was resolved, how often escalated and reopened, and its rating. The
/// requester's name and phone stay in the tickets service. <see cref="RespondedOnTime"/> and
/// <see cref="ResolvedLocally"/> came later, so they default to false for snapshots written before them
/// (republishing the tickets' snapshots fills them in).
/// The history (<see cref="FirstResolution"/>, <see cref="Ratings"/>, <see cref="Reopenings"/>) came
/// later too: every rating and every reopening is an event that counts in its own month, and the
/// first resolution stays counted while the ticket is reopened. Null in older snapshots, whose history
/// readers take from the current fields. <see cref="SubmittedBy"/>, <see cref="ExternalRef"/>,
/// <see cref="Resolution"/> and <see cref="ChangedAt"/> (the latest step's time) came for partner
/// notifications; none of them is personal data. <see cref="RatingLink"/> is the resident's
/// single-use rating token, only in the event of the change that resolved the ticket.
/// </summary>
public sealed record TicketChanged(
    Guid Id,
    string Number,
    TicketCategory Category,
    string Item,
    TicketChannel Channel,
    TicketPriority Priority,
    Guid IntakeOrganisationId,
    OrganisationTier IntakeTier,
    Guid CurrentOrganisationId,
    OrganisationTier CurrentTier,
    TicketStatus Status,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset ResponseDueAt,
    DateTimeOffset ResolutionDueAt,
    Guid? ResolvedOrganisationId,
    OrganisationTier? ResolvedTier,
    int EscalationCount,
    int ReopenCount,
    int? Rating,
    bool Supervised,
    long Version,
    bool RespondedOnTime = false,
    bool ResolvedLocally = false,
    string? Title = null,
    TicketResolution? FirstResolution = null,
    IReadOnlyList<TicketRating>? Ratings = null,
    IReadOnlyList<TicketReopening>? Reopenings = null,
    bool Imported = false,
    string? SubmittedBy = null,
    string? ExternalRef = null,
    string? Resolution = null,
    DateTimeOffset? ChangedAt = null,
    string? RatingLink = null) : IIntegrationEvent
{
    public static string EventName => "ticket-changed";

    Guid IIntegrationEvent.AggregateId => Id;
}

/// <summary>The first time a ticket was resolved: where, at which tier, and the deadline then in force.</summary>
public sealed record TicketResolution(DateTimeOffset At, Guid OrganisationId, OrganisationTier Tier, DateTimeOffset DueAt);

/// <summary>One rating (好差评) as given: the score, when, and the organisation whose resolution it rates.</summary>
public sealed record TicketRating(int Score, DateTimeOffset At, Guid OrganisationId);

/// <summary>
/// One reopening: when and why, the organisation whose resolution was reopened, the deadline of the
/// work it asks for and when that work was resolved. <paramref name="Rectification"/>: opened by a bad
/// rating (1–2), so it is a rectification (整改) measured by the rectification rate.
/// </summary>
public sealed record TicketReopening(DateTimeOffset At, string Reason, Guid OrganisationId, DateTimeOffset DueAt, DateTimeOffset? RectifiedAt, bool Rectification);
