using System.Globalization;

namespace PartyGrid.Bench;

/// <summary>
/// The processes behind an Aspire resource, from <c>/proc</c>. A .NET service is its own process
/// (Aspire's <c>dotnet run</c> launcher above it is not part of a deployment); a server is its
/// whole process tree (PostgreSQL's backends, RabbitMQ's Erlang VM).
/// </summary>
public static class ProcTree
{
    public static int? ServiceProcess(int launcherPid)
    {
        var service = Descendants(launcherPid).Prepend(launcherPid)
            .FirstOrDefault(pid => Read($"/proc/{pid}/comm")?.Trim().StartsWith("PartyGrid", StringComparison.Ordinal) == true);
        return service == 0 ? null : service;
    }

    public static IEnumerable<int> WithDescendants(int rootPid) => Descendants(rootPid).Prepend(rootPid);

    public static long Kilobytes(string file, string field)
    {
        var line = Read(file)?.Split('\n').FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    public static string? Read(string file)
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

    private static IEnumerable<int> Descendants(int pid)
    {
        foreach (var task in Tasks(pid))
        {
            foreach (var child in (Read(Path.Combine(task, "children")) ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var childPid = int.Parse(child, CultureInfo.InvariantCulture);
                yield return childPid;
                foreach (var grandchild in Descendants(childPid))
                {
                    yield return grandchild;
                }
            }
        }
    }

    // A process (a PostgreSQL backend) can exit between any two reads of /proc: it is then skipped.
    private static string[] Tasks(int pid)
    {
        try
        {
            return Directory.GetDirectories($"/proc/{pid}/task");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
