using System.Diagnostics;
using System.Globalization;

namespace PartyGrid.AppHost.Infrastructure;

/// <summary>
/// The run's data directory holds its servers' data and its secrets, and the run is often root: a
/// directory another local user could have prepared (a symbolic link to somewhere else, or one they
/// own) would hand them the keys or let them redirect root's writes. So every existing component of
/// the path must be a real directory, and when running as root, the directory and its parent must be
/// owned by root; new directories are created listable and writable by their owner only.
/// </summary>
public static class DataDirectoryGuard
{
    /// <summary>Root-owned and out of the world-writable temporary directories.</summary>
    public const string DefaultBase = "/var/lib/partygrid";

    public static string Prepare(string path)
    {
        var full = Path.GetFullPath(path);
        foreach (var component in Components(full))
        {
            var info = new DirectoryInfo(component);
            if (info.LinkTarget is not null)
            {
                throw new InvalidOperationException($"{component} is a symbolic link; PartyGrid keeps its data only in real directories.");
            }

            if (!info.Exists)
            {
                if (OperatingSystem.IsWindows())
                {
                    Directory.CreateDirectory(component);
                }
                else
                {
                    // Others may pass through (the servers run as their own users) but not list or write.
                    Directory.CreateDirectory(component, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                        | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
                }
            }
        }

        if (Environment.UserName == "root")
        {
            foreach (var owned in new[] { full, Path.GetDirectoryName(full)! })
            {
                if (OwnerOf(owned) != 0)
                {
                    throw new InvalidOperationException($"{owned} is not owned by root; a run as root keeps its data only in root's directories.");
                }
            }
        }

        return full;
    }

    private static IEnumerable<string> Components(string full)
    {
        var parts = full.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 1; i <= parts.Length; i++)
        {
            yield return "/" + string.Join('/', parts[..i]);
        }
    }

    private static int OwnerOf(string path)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%u", path]) { RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("stat could not be started.");
        var output = stat.StandardOutput.ReadToEnd();
        stat.WaitForExit();
        return stat.ExitCode == 0 ? int.Parse(output.Trim(), CultureInfo.InvariantCulture) : -1;
    }
}
