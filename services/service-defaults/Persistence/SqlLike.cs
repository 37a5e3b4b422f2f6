namespace PartyGrid.ServiceDefaults.Persistence;

/// <summary>LIKE patterns from user text, with the wildcards in it escaped.</summary>
public static class SqlLike
{
    public static string Containing(string text) =>
        $"%{text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal)}%";
}
