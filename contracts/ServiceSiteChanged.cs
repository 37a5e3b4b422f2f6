namespace PartyGrid.Contracts;

/// <summary>
/// An organisation's service site (服务阵地) as it now is: county 党务服务中心, township 综合服务中心,
/// village/community 综合服务站, group/area 便民服务点. <see cref="Open"/> is what coverage counts.
/// </summary>
public sealed record ServiceSiteChanged(
    Guid OrganisationId,
    string Path,
    OrganisationTier Tier,
    string Name,
    string Address,
    IReadOnlyList<string> Windows,
    bool Open,
    long Version) : IIntegrationEvent
{
    public static string EventName => "service-site-changed";

    Guid IIntegrationEvent.AggregateId => OrganisationId;
}
