using System.Globalization;

namespace PartyGrid.Bench;

/// <summary>
/// Where the CPU went during a phase: user + system time of every PartyGrid process, of the load
/// generator (this process) and of the whole machine, so a throughput figure can be explained as
/// CPU milliseconds per request and by whom.
/// </summary>
public sealed class ProcessCpu(BenchApp app)
{
    public const string LoadGenerator = "load generator";
    public const string Everything = "whole machine";
    public const string Stolen = "stolen by the hypervisor (not in the rows above)";

    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public static IEnumerable<string> Rows => MemoryWatch.Processes.Append(LoadGenerator).Append(Everything).Append(Stolen);

    /// <summary>CPU seconds used so far by each row's processes, with their children that have ended (PostgreSQL's backends come and go).</summary>
    public Dictionary<string, double> Sample()
    {
        var seconds = MemoryWatch.Processes.ToDictionary(p => p, p => MemoryWatch.IsServer(p)
            ? ProcTree.WithDescendants(app.ProcessOf(p)).Sum(Seconds)
            : ProcTree.ServiceProcess(app.ProcessOf(p)) is { } pid ? Seconds(pid) : 0);
        seconds[LoadGenerator] = Seconds(Environment.ProcessId);
        (seconds[Everything], seconds[Stolen]) = MachineSeconds();
        return seconds;
    }

    public static Dictionary<string, double> Between(Dictionary<string, double> before, Dictionary<string, double> after) =>
        after.ToDictionary(p => p.Key, p => p.Value - before.GetValueOrDefault(p.Key));

    // Fields 14 to 17 of /proc/<pid>/stat are utime, stime and the same for the children the process has
    // reaped: a backend that exits is counted in its postmaster's, so the sum over live processes misses
    // none. The command name (field 2) may hold spaces, so count after ')'.
    public static double Seconds(int pid)
    {
        var stat = ProcTree.Read($"/proc/{pid}/stat");
        if (stat is null)
        {
            return 0;
        }

        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Skip(11).Take(4).Sum(f => long.Parse(f, CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    // The first line of /proc/stat: user nice system idle iowait irq softirq steal …; busy is what this
    // machine ran (user to softirq, less idle and iowait), steal what the hypervisor gave to other guests.
    public static (double Busy, double Stolen) MachineSeconds()
    {
        var fields = (ProcTree.Read("/proc/stat") ?? "cpu 0").Split('\n')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return ((fields.Take(7).Sum() - fields[3] - fields[4]) / TicksPerSecond, fields[7] / TicksPerSecond);
    }
}
