namespace PartyGrid.Bench;

/// <summary>
/// Resident memory from <c>/proc</c>: a service's own RSS; a server's proportional share (PSS) of all
/// its processes, so PostgreSQL's shared buffers are counted once.
/// </summary>
public static class ProcessMemory
{
    public static long ServiceBytes(int launcherPid) =>
        ProcTree.ServiceProcess(launcherPid) is { } service ? ProcTree.Kilobytes($"/proc/{service}/status", "VmRSS:") * 1024 : 0;

    /// <summary>What a service's RSS is made of (<c>/proc/&lt;pid&gt;/status</c>): anonymous memory, shared memory, mapped files.</summary>
    public static (long Anonymous, long Shared, long Files) ServiceComposition(int launcherPid) =>
        ProcTree.ServiceProcess(launcherPid) is { } service
            ? (ProcTree.Kilobytes($"/proc/{service}/status", "RssAnon:") * 1024,
               ProcTree.Kilobytes($"/proc/{service}/status", "RssShmem:") * 1024,
               ProcTree.Kilobytes($"/proc/{service}/status", "RssFile:") * 1024)
            : (0, 0, 0);

    public static long TreeBytes(int rootPid) =>
        ProcTree.WithDescendants(rootPid).Sum(pid => ProcTree.Kilobytes($"/proc/{pid}/smaps_rollup", "Pss:")) * 1024;
}
