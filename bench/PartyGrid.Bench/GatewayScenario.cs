using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace PartyGrid.Bench;

/// <summary>
/// Issue 7's figure: what the gateway costs. The same reads — a cheap one (the service catalogue)
/// and a real one (a ticket with its timeline) — straight at the tickets service with a staff token,
/// through the gateway with the same token, and through the gateway with a partner API key (key
/// lookup, scope check, internal identity). Rounds alternate so all paths see the same state.
/// Every worker calls as its own staff member, so per-client quotas never throttle the run; a 429
/// would count as a failure.
/// </summary>
public static class GatewayScenario
{
    private const int Concurrency = 16;
    private const int PerRound = 3000;

    public static async Task<string> RunAsync(Uri gateway, Uri direct)
    {
        using var admin = new HttpClient { BaseAddress = gateway };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await BenchHttp.TokenAsync(admin));
        var tree = await BenchCounty.CreateAsync(admin, $"GB{DateTime.UtcNow:HHmmss}");
        // The gateway issues keys only for organisations its projection holds: the county arrives over the bus.
        string? key = null;
        for (var attempt = 0; key is null; attempt++)
        {
            using var response = await admin.PostAsJsonAsync("/api/v1/api-keys", new
            {
                name = "bench partner", orgId = tree.County, scopes = new[] { "tickets:read" }, requestsPerMinute = 600_000,
            });
            if (response.IsSuccessStatusCode)
            {
                key = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetString()!;
            }
            else if (response.StatusCode != HttpStatusCode.BadRequest || attempt == 120)
            {
                throw new InvalidOperationException($"api-keys: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            else
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        }

        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        var tokens = new string[Concurrency];
        for (var i = 0; i < Concurrency; i++)
        {
            using var issuer = new HttpClient { BaseAddress = gateway };
            using var response = await issuer.PostAsJsonAsync("/dev/token", new { sub = $"bench-{i}", name = "bench", orgId = tree.County, roles = new[] { "staff" } });
            tokens[i] = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString()!;
        }

        using var http = new HttpClient(handler, disposeHandler: false);
        string ticketPath;
        while (true)
        {
            using var request = Request(gateway, "/api/v1/tickets", tokens[0], null, HttpMethod.Post);
            request.Content = JsonContent.Create(BenchCounty.Ticket(tree.Villages[0], 0));
            using var created = await http.SendAsync(request);
            if (created.StatusCode == HttpStatusCode.Created)
            {
                ticketPath = $"/api/v1/tickets/{System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid()}";
                break;
            }

            await Task.Delay(200); // the new village is still on its way to the tickets projection
        }

        var paths = new (string Name, Uri Base, bool WithKey)[] { ("direct", direct, false), ("gateway, token", gateway, false), ("gateway, API key", gateway, true) };
        var rows = new List<string>();
        var summary = new List<string>();
        foreach (var (what, path) in new[] { ("service catalogue", "/api/v1/ticket-categories"), ("one ticket", ticketPath) })
        {
            async Task<Load.Result> RoundAsync((string Name, Uri Base, bool WithKey) route) => await Load.RunAsync(PerRound, Concurrency, async i =>
            {
                using var request = Request(route.Base, path, route.WithKey ? null : tokens[i % Concurrency], route.WithKey ? key : null, HttpMethod.Get);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                return response.StatusCode == HttpStatusCode.OK;
            });

            foreach (var route in paths)
            {
                await RoundAsync(route);
            }

            var results = new List<(string Path, Load.Result Result)>();
            for (var round = 0; round < 2; round++)
            {
                foreach (var route in paths)
                {
                    results.Add((route.Name, await RoundAsync(route)));
                }
            }

            rows.AddRange(results.Select(r =>
                $"| {what} | {r.Path} | {r.Result.Operations:N0} | {r.Result.PerSecond:N0}/s | {r.Result.P50:F1} | {r.Result.P99:F1} | {r.Result.Failures} |"));
            Load.Result Best(string name) => results.Where(r => r.Path == name).Select(r => r.Result).MaxBy(r => r.PerSecond)!;
            var straight = Best("direct");
            foreach (var route in paths.Skip(1))
            {
                var via = Best(route.Name);
                summary.Add($"- {what}, {route.Name}: {via.PerSecond / straight.PerSecond:P0} of direct throughput; p99 {via.P99:F1} ms vs {straight.P99:F1} ms direct.");
            }
        }

        return $"""
            # Gateway overhead benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.MachineName}

            Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}.
            `./run.sh` app (Release build, local mode), load generator on the same machine (it takes CPU from both paths).
            GET requests, {Concurrency} concurrent clients, rounds of {PerRound:N0} after one warm-up round per path, paths alternating;
            gateway {gateway}, tickets service {direct}.

            | request | path | requests | throughput | p50 ms | p99 ms | failures |
            |---|---|---|---|---|---|---|
            {string.Join("\n", rows)}

            Best rounds:
            {string.Join("\n", summary)}

            """;
    }

    private static HttpRequestMessage Request(Uri baseAddress, string path, string? token, string? key, HttpMethod method)
    {
        var request = new HttpRequestMessage(method, new Uri(baseAddress, path));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return request;
    }
}
