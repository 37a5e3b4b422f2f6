using System.Net.Http.Headers;

namespace PartyGrid.Bench;

/// <summary>
/// Intake offered at a fixed rate for a while, reported second by second (p50 and the slowest, by the
/// second each submission was due), with the CPU each PartyGrid process used in that second: where a
/// steady run's p99 comes from a stall, this shows when it happened and who was busy.
/// </summary>
public static class StallScenario
{
    public static async Task<string> RunAsync(Uri target, double rate, int seconds)
    {
        using var admin = new HttpClient { BaseAddress = new Uri("http://localhost:5080") };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await BenchHttp.TokenAsync(admin));
        var tree = await BenchCounty.CreateAsync(admin, $"SB{DateTime.UtcNow:HHmmss}");
        var token = await BenchHttp.TokenAsync(admin, tree.Township, "staff");
        using (var staff = new HttpClient { BaseAddress = target })
        {
            staff.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            await BenchCounty.UntilTicketsTakenAtAsync(staff, tree);
        }

        var perSecond = new List<Dictionary<string, double>>();
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1));
            perSecond.Add(CpuByCommand());
            try
            {
                while (await tick.WaitForNextTickAsync(stop.Token))
                {
                    perSecond.Add(CpuByCommand());
                }
            }
            catch (OperationCanceledException)
            {
                // The load has ended: the last full second is in.
            }
        });
        var steady = await TicketsScenario.SteadyAsync(target, token, tree, rate, TimeSpan.FromSeconds(seconds));
        await stop.CancelAsync();
        await sampler;
        var latency = steady.ByOperation;
        var rows = new List<string>();
        for (var s = 0; s < Math.Min(seconds, perSecond.Count - 1); s++)
        {
            var window = latency.Skip((int)(s * rate)).Take((int)rate).Order().ToArray();
            var used = ProcessCpu.Between(perSecond[s], perSecond[s + 1]);
            var busiest = string.Join(", ", used.OrderByDescending(p => p.Value).Take(4).Select(p => $"{p.Key} {p.Value * 1000:F0}"));
            rows.Add($"| {s} | {Percentiles.Of(window, 0.5):F0} | {window[^1]:F0} | {used.Values.Sum() * 1000:F0} | {busiest} |");
        }

        return $"""
            # Intake second by second — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.MachineName}

            {rate:N0} submissions/s offered for {seconds} s at {target} (open loop; latency from when each was due).

            | second | p50 ms | slowest ms | CPU ms of all processes | busiest, CPU ms |
            |---|---|---|---|---|
            {string.Join("\n", rows)}

            """;
    }

    // PartyGrid's processes and what runs them; kernel threads rename themselves and would make nonsense deltas.
    private static readonly string[] Watched = ["PartyGrid", "postgres", "beam.smp", "dcp", "Aspire", "dotnet"];

    /// <summary>CPU seconds so far of PartyGrid's processes and their servers, summed by command name (PostgreSQL's backends under one).</summary>
    private static Dictionary<string, double> CpuByCommand()
    {
        var byCommand = new Dictionary<string, double>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || ProcTree.Read($"/proc/{pid}/stat") is not { } stat)
            {
                continue;
            }

            var name = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
            if (!Watched.Any(w => name.StartsWith(w, StringComparison.Ordinal)))
            {
                continue;
            }

            byCommand[name] = byCommand.GetValueOrDefault(name) + ProcessCpu.Seconds(pid);
        }

        return byCommand;
    }
}
