namespace PartyGrid.Contracts;

/// <summary>
/// A service team (党员服务队) as it now is: where it belongs and what it offers. Raised when it is
/// formed and whenever a volunteer joins or leaves, so other services can hand work to a team.
/// </summary>
public sealed record ServiceTeamChanged(
    Guid Id,
    Guid OrganisationId,
    string Name,
    IReadOnlyList<string> Skills,
    long Version) : IIntegrationEvent
{
    public static string EventName => "service-team-changed";

    Guid IIntegrationEvent.AggregateId => Id;
}
