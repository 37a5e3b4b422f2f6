namespace PartyGrid.Bench;

/// <summary>
/// Resident memory from <c>/proc</c>. A .NET service counts as its own process (Aspire's
/// <c>dotnet run</c> launcher above it is not part of a deployment); a server counts as the
/// proportional share (PSS) of all its processes, so PostgreSQL's shared buffers are counted once.
/// </summary>
public static class ProcessMemory
{
    public static long ServiceBytes(int launcherPid)
    {
        var service = Descendants(launcherPid).Prepend(launcherPid)
            .FirstOrDefault(pid => Read($"/proc/{pid}/comm")?.Trim().StartsWith("PartyGrid", StringComparison.Ordinal) == true);
        return service == 0 ? 0 : Kilobytes($"/proc/{service}/status", "VmRSS:") * 1024;
    }

    public static long TreeBytes(int rootPid) =>
        Descendants(rootPid).Prepend(rootPid).Sum(pid => Kilobytes($"/proc/{pid}/smaps_rollup", "Pss:")) * 1024;

    private static IEnumerable<int> Descendants(int pid)
    {
        var tasks = $"/proc/{pid}/task";
        if (!Directory.Exists(tasks))
        {
            yield break;
        }

        foreach (var task in Directory.EnumerateDirectories(tasks))
        {
            foreach (var child in (Read(Path.Combine(task, "children")) ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var childPid = int.Parse(child, System.Globalization.CultureInfo.InvariantCulture);
                yield return childPid;
                foreach (var grandchild in Descendants(childPid))
                {
                    yield return grandchild;
                }
            }
        }
    }

    private static long Kilobytes(string file, string field)
    {
        var line = Read(file)?.Split('\n').FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string? Read(string file)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // the process ended between listing and reading
        }
    }
}
