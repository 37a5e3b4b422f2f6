namespace PartyGrid.ServiceDefaults.Identity;

/// <summary>
/// Whether an organisation lies within a caller's subtree, from materialised paths (ltree text,
/// labels joined by dots): the home organisation itself or any descendant.
/// </summary>
public static class OrganisationScope
{
    public static bool Contains(string homePath, string targetPath) =>
        targetPath.Length == homePath.Length
            ? string.Equals(targetPath, homePath, StringComparison.Ordinal)
            : targetPath.Length > homePath.Length
              && targetPath[homePath.Length] == '.'
              && targetPath.StartsWith(homePath, StringComparison.Ordinal);

    /// <summary>The ltree label of an organisation: its id without dashes.</summary>
    public static string Label(Guid organisationId) => organisationId.ToString("N");
}
