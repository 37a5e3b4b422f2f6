using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace PartyGrid.Bench;

/// <summary>
/// Issue 5's figures: ticket intake (a real POST /tickets: validation, catalogue, calendar, number
/// sequence, encryption of the phone, ticket + timeline + handler + outbox rows in one transaction)
/// at a fixed concurrency, through the gateway and straight at the tickets service, alternating
/// rounds so both see the same database state.
/// </summary>
public static class TicketsScenario
{
    public const int Concurrency = 16;
    private const int PerRound = 2000;

    /// <summary>Every submission of <see cref="RoundsAsync"/>, warm-up rounds included.</summary>
    public const int RoundsRequests = PerRound * 6;

    public static async Task<string> RunAsync(Uri gateway, Uri direct)
    {
        using var admin = new HttpClient { BaseAddress = gateway };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await BenchHttp.TokenAsync(admin));
        var tree = await BenchCounty.CreateAsync(admin, $"TB{DateTime.UtcNow:HHmmss}");
        var results = await RoundsAsync(gateway, direct, await BenchHttp.TokenAsync(admin, tree.Township, "staff"), tree);
        var directBest = results.Where(r => r.Path == "direct").Max(r => r.Result.PerSecond);
        var gatewayBest = results.Where(r => r.Path == "gateway").Max(r => r.Result.PerSecond);
        var token = await BenchHttp.TokenAsync(admin, tree.Township, "staff");
        var rate = Math.Floor(gatewayBest / 2);
        var steady = new List<(string Path, SteadyRate.Result Result)>();
        foreach (var (path, target) in new[] { ("gateway", gateway), ("direct", direct) })
        {
            steady.Add((path, await SteadyAsync(target, token, tree, rate)));
        }

        var steadyRows = string.Join("\n", steady.Select(s =>
            $"| {s.Path} | {s.Result.Rate:N0}/s | {s.Result.AchievedRate:N0}/s | {s.Result.P50:F1} | {s.Result.P99:F1} | {s.Result.Max:F1} | {s.Result.Failures} | {s.Result.Late} |"));
        var rows = string.Join("\n", results.Select(r =>
            $"| {r.Path} | {r.Result.Operations:N0} | {r.Result.PerSecond:N0}/s | {r.Result.P50:F1} | {r.Result.P99:F1} | {r.Result.Max:F1} | {r.Result.Failures} |"));
        return $"""
            # Tickets intake benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.MachineName}

            Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}.
            `./run.sh` app (Release build, local mode, durable PostgreSQL), load generator on the same machine.
            POST /api/v1/tickets as township `staff` over {BenchCounty.VillageCount} villages, {Concurrency} concurrent clients, rounds of {PerRound:N0}, after one warm-up round each;
            gateway {gateway}, direct {direct}.

            | path | requests | throughput | p50 ms | p99 ms | max ms | failures |
            |---|---|---|---|---|---|---|
            {rows}

            Best round: direct {directBest:N0}/s, gateway {gatewayBest:N0}/s — the gateway at {gatewayBest / directBest:P0} of direct.

            Steady intake at half the gateway's best round, {SteadyFor.TotalSeconds:F0} s each (open loop; latency from when each submission was due):

            | path | offered | achieved | p50 ms | p99 ms | max ms | failures | waited for a slot |
            |---|---|---|---|---|---|---|---|
            {steadyRows}

            """;
    }

    public static readonly TimeSpan SteadyFor = TimeSpan.FromSeconds(30);

    /// <summary>Submissions offered at a fixed rate (<see cref="SteadyRate"/>) for <paramref name="duration"/> (default <see cref="SteadyFor"/>).</summary>
    public static async Task<SteadyRate.Result> SteadyAsync(Uri target, string token, BenchCounty.Tree tree, double rate, TimeSpan? duration = null)
    {
        using var staff = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { BaseAddress = target, Timeout = TimeSpan.FromSeconds(30) };
        staff.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await SteadyRate.RunAsync(rate, duration ?? SteadyFor, 512, async i =>
        {
            using var response = await staff.PostAsJsonAsync("/api/v1/tickets", BenchCounty.Ticket(tree.VillageFor(i), i));
            return response.StatusCode == System.Net.HttpStatusCode.Created;
        });
    }

    /// <summary>One warm-up round each, then two rounds each, alternating direct and gateway.</summary>
    public static async Task<List<(string Path, Load.Result Result)>> RoundsAsync(Uri gateway, Uri direct, string token, BenchCounty.Tree tree)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var viaGateway = new HttpClient(handler, disposeHandler: false) { BaseAddress = gateway };
        using var straight = new HttpClient(handler, disposeHandler: false) { BaseAddress = direct };
        foreach (var client in new[] { viaGateway, straight })
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        await BenchCounty.UntilTicketsTakenAtAsync(viaGateway, tree);
        async Task<Load.Result> RoundAsync(HttpClient client) => await Load.RunAsync(PerRound, Concurrency, async i =>
        {
            using var response = await client.PostAsJsonAsync("/api/v1/tickets", BenchCounty.Ticket(tree.VillageFor(i), i));
            return response.StatusCode == System.Net.HttpStatusCode.Created;
        });

        await RoundAsync(straight);
        await RoundAsync(viaGateway);
        var results = new List<(string Path, Load.Result Result)>();
        for (var round = 0; round < 2; round++)
        {
            results.Add(("direct", await RoundAsync(straight)));
            results.Add(("gateway", await RoundAsync(viaGateway)));
        }

        return results;
    }
}
