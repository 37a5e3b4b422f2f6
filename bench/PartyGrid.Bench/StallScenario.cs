using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;

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
        using var staff = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { BaseAddress = target, Timeout = TimeSpan.FromSeconds(30) };
        staff.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await BenchHttp.TokenAsync(admin, tree.Township, "staff"));
        await BenchCounty.UntilTicketsTakenAtAsync(staff, tree);

        var perSecond = new List<Dictionary<string, double>>();
        var total = (int)(rate * seconds);
        var latency = new double[total];
        var started = Stopwatch.GetTimestamp();
        var sampler = Task.Run(async () =>
        {
            for (var s = 0; s <= seconds; s++)
            {
                perSecond.Add(CpuByCommand());
                var next = TimeSpan.FromSeconds(s + 1) - Stopwatch.GetElapsedTime(started);
                if (next > TimeSpan.Zero)
                {
                    await Task.Delay(next);
                }
            }
        });
        var running = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            var wait = due - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var index = i;
            running.Add(Task.Run(async () =>
            {
                try
                {
                    using var response = await staff.PostAsJsonAsync("/api/v1/tickets", BenchCounty.Ticket(tree.VillageFor(index), index));
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    // A failure counts with its latency, as in SteadyRate.
                }
                finally
                {
                    latency[index] = (Stopwatch.GetElapsedTime(started) - due).TotalMilliseconds;
                }
            }));
        }

        await Task.WhenAll(running);
        await sampler;
        var rows = new List<string>();
        for (var s = 0; s < seconds; s++)
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

            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var seconds = fields.Skip(11).Take(2).Sum(f => long.Parse(f, System.Globalization.CultureInfo.InvariantCulture)) / 100.0;
            byCommand[name] = byCommand.GetValueOrDefault(name) + seconds;
        }

        return byCommand;
    }
}
