namespace PartyGrid.Contracts;

/// <summary>
/// A ticket as it now is, with what assessment counts: where it was taken in and where it is, its
/// times and deadlines, where it was resolved, how often escalated and reopened, and its rating. The
/// requester's name and phone stay in the tickets service. <see cref="RespondedOnTime"/> and
/// <see cref="ResolvedLocally"/> came later, so they default to false for snapshots written before them
/// (republishing the tickets' snapshots fills them in).
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
    bool ResolvedLocally = false) : IIntegrationEvent
{
    public static string EventName => "ticket-changed";

    Guid IIntegrationEvent.AggregateId => Id;
}
