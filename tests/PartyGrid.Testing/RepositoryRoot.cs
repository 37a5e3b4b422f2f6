namespace PartyGrid.Testing;

/// <summary>The checkout the tests run from, found by walking up to <c>PartyGrid.sln</c>.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Infra(string script) => System.IO.Path.Combine(Path, "infra", script);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "PartyGrid.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No PartyGrid.sln above {AppContext.BaseDirectory}.");
    }
}
