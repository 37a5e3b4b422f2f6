namespace PartyGrid.Contracts;

/// <summary>Something the partners did together (a visit, a meeting, funds handed over…).</summary>
public sealed record PairingActivityRecorded(
    Guid ActivityId,
    Guid PairingId,
    Guid UrbanOrganisationId,
    Guid RuralOrganisationId,
    CommitmentKind Kind,
    DateOnly OccurredOn,
    int Participants,
    decimal? FundsYuan,
    Guid? CommitmentId,
    decimal? Amount,
    long Version) : IIntegrationEvent
{
    public static string EventName => "pairing-activity-recorded";

    Guid IIntegrationEvent.AggregateId => ActivityId;
}
