namespace PartyGrid.ServiceDefaults.Identity;

/// <summary>Claim names in PartyGrid tokens (kept short and unmapped, as they travel in every request).</summary>
public static class PartyGridClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string HomeOrganisation = "org";
    public const string Role = "role";
    public const string Scope = "scope";

    /// <summary>The id of the partner API key a gateway-issued identity stands for.</summary>
    public const string ApiKey = "key";

    /// <summary>How the subject of a partner system's identity begins: <c>api-key:{keyId}</c>.</summary>
    public const string PartnerSubjectPrefix = "api-key:";
}

/// <summary>The roles of DESIGN.md "Identity and scope".</summary>
/// <summary>Named authorization policies, so an endpoint states who may call it where it is mapped.</summary>
public static class Policies
{
    /// <summary>The whole province's administrators: reference data, keys, audits, rebuilds.</summary>
    public const string Admin = "admin";
}

public static class Roles
{
    public const string Admin = "admin";
    public const string OrgAdmin = "org-admin";
    public const string Staff = "staff";
    public const string Viewer = "viewer";
    public const string PiiReader = "pii-reader";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Admin, OrgAdmin, Staff, Viewer, PiiReader,
    };
}
