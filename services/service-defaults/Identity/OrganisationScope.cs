namespace PartyGrid.ServiceDefaults.Identity;

/// <summary>What a caller wants to do to an organisation: see it, or act on it holding a role.</summary>
public sealed record OrganisationAction(string? Role)
{
    /// <summary>Read it and what it holds; refused as 404, so an outsider learns nothing of what exists.</summary>
    public static readonly OrganisationAction See = new((string?)null);

    /// <summary>Change it or what it holds with <paramref name="role"/>; refused as 403 once it is seen.</summary>
    public static OrganisationAction ActAs(string role) => new(role);
}

/// <summary>
/// The organisation-scope rule every service decides by, on the stored organisation's materialised
/// path (ltree text, labels joined by dots), never on an id the client chose: <c>admin</c> sees and
/// acts everywhere; anyone else sees their home organisation's subtree and acts in it with the
/// roles they hold. Services differ only in where the paths come from (their own tree, or the
/// projection of it) and in which organisation a record belongs to.
/// </summary>
public static class OrganisationScope
{
    /// <param name="caller">Who asks.</param>
    /// <param name="action">What they want.</param>
    /// <param name="homePath">The path of the caller's home organisation; null when the service does not know it (nothing but admin is allowed then).</param>
    /// <param name="targetPath">The path of the organisation acted on.</param>
    public static bool Allows(Caller caller, OrganisationAction action, string? homePath, string targetPath) =>
        caller.IsAdmin
        || ((action.Role is null || caller.Roles.Contains(action.Role)) && homePath is not null && Contains(homePath, targetPath));

    public static bool Contains(string homePath, string targetPath) =>
        targetPath.Length == homePath.Length
            ? string.Equals(targetPath, homePath, StringComparison.Ordinal)
            : targetPath.Length > homePath.Length
              && targetPath[homePath.Length] == '.'
              && targetPath.StartsWith(homePath, StringComparison.Ordinal);

    /// <summary>The ltree label of an organisation: its id without dashes.</summary>
    public static string Label(Guid organisationId) => organisationId.ToString("N");
}
