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
    private const int Concurrency = 16;
    private const int PerRound = 2000;

    public static async Task<string> RunAsync(Uri gateway, Uri direct)
    {
        using var admin = new HttpClient { BaseAddress = gateway };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await BenchHttp.TokenAsync(admin));
        var run = $"TB{DateTime.UtcNow:HHmmss}";
        var village = (await BenchCounty.CreateAsync(admin, run)).Village;

        var token = await BenchHttp.TokenAsync(admin, village, "staff");
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var viaGateway = new HttpClient(handler, disposeHandler: false) { BaseAddress = gateway };
        using var straight = new HttpClient(handler, disposeHandler: false) { BaseAddress = direct };
        foreach (var client in new[] { viaGateway, straight })
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        // The new village reaches the tickets service's projection through the broker; wait for it.
        while (!(await viaGateway.PostAsJsonAsync("/api/v1/tickets", BenchCounty.Ticket(village, 0))).IsSuccessStatusCode)
        {
            await Task.Delay(200);
        }

        async Task<Load.Result> RoundAsync(HttpClient client) => await Load.RunAsync(PerRound, Concurrency, async i =>
        {
            using var response = await client.PostAsJsonAsync("/api/v1/tickets", BenchCounty.Ticket(village, i));
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

        var directBest = results.Where(r => r.Path == "direct").Max(r => r.Result.PerSecond);
        var gatewayBest = results.Where(r => r.Path == "gateway").Max(r => r.Result.PerSecond);
        var rows = string.Join("\n", results.Select(r =>
            $"| {r.Path} | {r.Result.Operations:N0} | {r.Result.PerSecond:N0}/s | {r.Result.P50:F1} | {r.Result.P99:F1} | {r.Result.Max:F1} | {r.Result.Failures} |"));
        return $"""
            # Tickets intake benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.MachineName}

            Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}.
            `./run.sh` app (Debug build, local mode, durable PostgreSQL), load generator on the same machine.
            POST /api/v1/tickets as `staff`, {Concurrency} concurrent clients, rounds of {PerRound:N0}, after one warm-up round each;
            gateway {gateway}, direct {direct}.

            | path | requests | throughput | p50 ms | p99 ms | max ms | failures |
            |---|---|---|---|---|---|---|
            {rows}

            Best round: direct {directBest:N0}/s, gateway {gatewayBest:N0}/s — the gateway at {gatewayBest / directBest:P0} of direct.

            """;
    }
}
