namespace PartyGrid.Contracts;

/// <summary>
/// Raised on register, rename, move and dissolve: the organisation as it now is. A dissolved
/// organisation names the organisation its members and open work merge into, if any.
/// </summary>
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
    long Version,
    Guid? MergedIntoId = null) : IIntegrationEvent
{
    public static string EventName => "organisation-changed";

    Guid IIntegrationEvent.AggregateId => Id;
}
