namespace PartyGrid.Contracts;

/// <summary>A ticket moved up one tier (or, at the county, was put under supervision 督办).</summary>
public sealed record TicketEscalated(
    Guid TicketId,
    Guid FromOrganisationId,
    OrganisationTier FromTier,
    Guid ToOrganisationId,
    OrganisationTier ToTier,
    bool Automatic,
    bool Supervision,
    string Reason,
    DateTimeOffset At,
    int EscalationCount,
    long Version) : IIntegrationEvent
{
    public static string EventName => "ticket-escalated";

    Guid IIntegrationEvent.AggregateId => TicketId;
}
