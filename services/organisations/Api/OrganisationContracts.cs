namespace PartyGrid.Organisations.Api;

/// <summary>Fields arrive as text so that a bad value is reported against its field, not as unreadable JSON.</summary>
public sealed record RegisterOrganisationRequest(string? Code, string? Name, OrganisationTier? Tier, Area? Area, OrganisationKind? Kind, Guid? ParentId);

public sealed record AmendOrganisationRequest(string? Name, OrganisationKind? Kind);

public sealed record OrganisationResponse(
    Guid Id,
    string Code,
    string Name,
    OrganisationTier Tier,
    Area Area,
    OrganisationKind Kind,
    Guid? ParentId,
    string Path,
    OrganisationStatus Status,
    long Version,
    Guid? MergedIntoId)
{
    public static OrganisationResponse From(Organisation o) =>
        new(o.Id, o.Code, o.Name, o.Tier, o.Area, o.Kind, o.ParentId, o.Path, o.Status, o.Version, o.MergedIntoId);
}
