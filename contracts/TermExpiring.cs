namespace PartyGrid.Contracts;

/// <summary>A committee's term (换届) ends soon: raised once six months and once one month before expiry.</summary>
public sealed record TermExpiring(
    Guid TermId,
    Guid OrganisationId,
    DateOnly ElectedOn,
    DateOnly ExpiresOn,
    int MonthsLeft,
    long Version) : IIntegrationEvent
{
    public static string EventName => "term-expiring";

    Guid IIntegrationEvent.AggregateId => TermId;
}
