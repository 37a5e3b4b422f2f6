namespace PartyGrid.Contracts;

/// <summary>Raised on register, rename, move and dissolve: the organisation as it now is.</summary>
public sealed record OrganisationChanged(
    Guid Id,
    Guid? ParentId,
    string Path,
    string Code,
    string Name,
    OrganisationTier Tier,
    Area Area,
    OrganisationKind Kind,
    OrganisationStatus Status,
    long Version) : IIntegrationEvent
{
    public static string EventName => "organisation-changed";

    Guid IIntegrationEvent.AggregateId => Id;
}
