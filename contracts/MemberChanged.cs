namespace PartyGrid.Contracts;

/// <summary>
/// A member as they now are, without personal data: no name, identity number, phone or birth date
/// ever travels in an event. Raised on every change of the member.
/// </summary>
public sealed record MemberChanged(
    Guid Id,
    Guid OrganisationId,
    MemberStatus Status,
    IReadOnlyList<string> Skills,
    bool NeedsSupport,
    MemberFlowStatus Flow,
    bool LostContact,
    long Version) : IIntegrationEvent
{
    public static string EventName => "member-changed";

    Guid IIntegrationEvent.AggregateId => Id;
}
