using System.Collections.Frozen;

namespace PartyGrid.Contracts;

/// <summary>
/// Every integration event by its stored name. The list is written out by hand on purpose: an outbox
/// row names its event, and a rename or a removal here must be a deliberate, reviewed change.
/// </summary>
public static class IntegrationEventCatalog
{
    private static readonly FrozenDictionary<string, Type> TypesByName = new[]
    {
        Entry<OrganisationChanged>(),
        Entry<ServiceSiteChanged>(),
        Entry<TermExpiring>(),
        Entry<MemberChanged>(),
        Entry<TransferCompleted>(),
        Entry<MemberFlowChanged>(),
        Entry<ServiceTeamChanged>(),
        Entry<TicketChanged>(),
        Entry<TicketEscalated>(),
        Entry<PairingChanged>(),
        Entry<PairingActivityRecorded>(),
        Entry<AssessmentPublished>(),
        Entry<SnapshotsRequested>(),
        Entry<ApiKeyRevoked>(),
    }.ToFrozenDictionary();

    public static Type TypeOf(string eventName) =>
        TypesByName.TryGetValue(eventName, out var type)
            ? type
            : throw new KeyNotFoundException($"'{eventName}' is not a known integration event.");

    private static KeyValuePair<string, Type> Entry<TEvent>()
        where TEvent : IIntegrationEvent => new(TEvent.EventName, typeof(TEvent));
}
