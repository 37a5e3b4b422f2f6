using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace PartyGrid.Bench;

/// <summary>
/// Issue 3's figures: import a province of 16 counties × 15 townships × 14 villages × 14 groups
/// (50,656 organisations; each county has 3,165 descendants) through the gateway in one CSV, then the
/// subtree of a county and the ancestors of a group, sequentially, as a staff client would ask.
/// </summary>
public static class OrganisationsScenario
{
    private const int Counties = 16;
    private const int Townships = 15;
    private const int Villages = 14;
    private const int Groups = 14;

    /// <summary>The code prefix of the province the harness imports once and queries on every run.</summary>
    public const string HarnessProvince = "PRVORG";

    /// <summary>Imports the province as <paramref name="run"/> unless <paramref name="reuse"/>, then queries it.</summary>
    /// <param name="settle">
    /// Waits until the import's events have reached every consumer; returns how long that took. Without
    /// it the queries of a fresh import are measured beside ~200,000 projection transactions.
    /// </param>
    public static async Task<string> RunAsync(Uri gateway, string run, bool reuse, Func<Task<TimeSpan>>? settle = null)
    {
        using var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromMinutes(10) };
        var token = await BenchHttp.TokenAsync(http);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var (csv, rows) = Province(run);
        var importLine = $"| import of {rows:N0} organisations | not run: province {run} imported by an earlier run, queried again |";
        if (!reuse)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.PostAsync("/api/v1/organisations/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Import failed: {(int)response.StatusCode} {body}");
            }

            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            importLine = $"| import of {rows:N0} organisations as `{run}` (one CSV, one transaction, {rows:N0} outbox rows) | {seconds:F1} s ({rows / seconds:N0} organisations/s) |";
            if (settle is not null)
            {
                var fannedOut = await settle();
                importLine += $"\n| the import's {rows:N0} organisation events taken by every consumer (tickets, members, pairing, assessment project them; the queries below start after) | {fannedOut.TotalSeconds:F0} s after the import answered |";
            }
        }

        var county = await IdOfAsync(http, $"{run}-C7");
        var group = await IdOfAsync(http, $"{run}-C7-T3-V5-G9");
        var subtree = await Latency.MeasureAsync(200, async _ => await BenchHttp.GetAsync(http, $"/api/v1/organisations/{county}/subtree?limit=200"));
        var ancestors = await Latency.MeasureAsync(1000, async _ => await BenchHttp.GetAsync(http, $"/api/v1/organisations/{group}/ancestors"));
        var items = JsonDocument.Parse(await BenchHttp.GetAsync(http, $"/api/v1/organisations/{county}/subtree?limit=200")).RootElement.GetProperty("items").GetArrayLength();

        return $"""
            # Organisations benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.MachineName}

            Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}.
            Through the gateway at {gateway}, one request at a time, against the `./run.sh` app (local mode).

            | figure | value |
            |---|---|
            {importLine}
            | subtree of a county, its first page ({items:N0} organisations, full JSON), p50 / p99 / max of 200 | {subtree.P50:F1} / {subtree.P99:F1} / {subtree.Max:F1} ms |
            | ancestors of a group, p50 / p99 / max of 1,000 | {ancestors.P50:F2} / {ancestors.P99:F2} / {ancestors.Max:F2} ms |

            """;
    }

    private static (string Csv, int Rows) Province(string run)
    {
        var csv = new StringBuilder("code,name,tier,area,kind,parentCode\n");
        var rows = 0;
        void Row(string code, string name, string tier, string kind, string parent)
        {
            csv.Append(code).Append(',').Append(name).Append(',').Append(tier).Append(",rural,").Append(kind).Append(',').Append(parent).Append('\n');
            rows++;
        }

        for (var c = 0; c < Counties; c++)
        {
            var county = $"{run}-C{c}";
            Row(county, $"县{c}", "county", "committee", string.Empty);
            for (var t = 0; t < Townships; t++)
            {
                var township = $"{county}-T{t}";
                Row(township, $"镇{t}", "township", "committee", county);
                for (var v = 0; v < Villages; v++)
                {
                    var village = $"{township}-V{v}";
                    Row(village, $"村{v}", "village", "branch", township);
                    for (var g = 0; g < Groups; g++)
                    {
                        Row($"{village}-G{g}", $"组{g}", "group", "group", village);
                    }
                }
            }
        }

        return (csv.ToString(), rows);
    }

    /// <summary>Whether a province with this prefix was imported before (its county C7 exists).</summary>
    public static async Task<bool> ImportedAsync(HttpClient http, string run) =>
        JsonDocument.Parse(await BenchHttp.GetAsync(http, $"/api/v1/organisations?query={Uri.EscapeDataString($"{run}-C7")}&limit=1"))
            .RootElement.GetProperty("items").GetArrayLength() > 0;

    private static async Task<Guid> IdOfAsync(HttpClient http, string code) =>
        JsonDocument.Parse(await BenchHttp.GetAsync(http, $"/api/v1/organisations?query={Uri.EscapeDataString(code)}&limit=1"))
            .RootElement.GetProperty("items")[0].GetProperty("id").GetGuid();
}
