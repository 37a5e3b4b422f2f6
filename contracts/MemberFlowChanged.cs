namespace PartyGrid.Contracts;

/// <summary>
/// A mobile member's flow as it now is. The destination place and the activity-card number stay in
/// the members service; only organisations and dates travel.
/// </summary>
public sealed record MemberFlowChanged(
    Guid FlowId,
    Guid MemberId,
    Guid HomeOrganisationId,
    Guid? DestinationOrganisationId,
    MemberFlowStatus Status,
    DateOnly From,
    DateOnly? ExpectedReturn,
    bool LostContact,
    long Version) : IIntegrationEvent
{
    public static string EventName => "member-flow-changed";

    Guid IIntegrationEvent.AggregateId => FlowId;
}
