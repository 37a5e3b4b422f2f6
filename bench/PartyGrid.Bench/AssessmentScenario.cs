using System.Net.Http.Headers;
using PartyGrid.Contracts;

namespace PartyGrid.Bench;

/// <summary>
/// Issue 6's figures: scorecards and league tables on the generated province (<see cref="ProvinceDataset"/>),
/// through the gateway, one request at a time, for November 2026 (live counts).
/// </summary>
public static class AssessmentScenario
{
    private const string Period = "2026-11";

    /// <param name="ScorecardP99">The slowest scorecard row's p99, ms.</param>
    /// <param name="LeagueP99">The slowest league row's p99, ms.</param>
    public sealed record Result(string Report, double ScorecardP99, double LeagueP99);

    public static async Task<Result> RunAsync(Uri gateway, string assessmentDatabase)
    {
        var province = await ProvinceDataset.EnsureAsync(assessmentDatabase);
        using var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await BenchHttp.TokenAsync(http));

        var random = new Random(11);
        ProvinceDataset.Organisation Pick(OrganisationTier tier)
        {
            var all = province.At(tier).ToArray();
            return all[random.Next(all.Length)];
        }

        async Task<(string Row, double P99)> MeasureAsync(string what, int times, Func<string> path)
        {
            for (var i = 0; i < 5; i++)
            {
                await BenchHttp.GetAsync(http, path());
            }

            var (p50, p99, max) = await Latency.MeasureAsync(times, async _ => await BenchHttp.GetAsync(http, path()));
            return ($"| {what} | {times} | {p50:F1} | {p99:F1} | {max:F1} |", p99);
        }

        var scorecards = new[]
        {
            await MeasureAsync("village scorecard, own (rank among its 14 siblings)", 300,
                () => $"/api/v1/assessments/{Pick(OrganisationTier.Village).Id}?period={Period}&scope=own"),
            await MeasureAsync("township scorecard, subtree of 211 (rank among 15 townships)", 300,
                () => $"/api/v1/assessments/{Pick(OrganisationTier.Township).Id}?period={Period}"),
            await MeasureAsync("county scorecard, subtree of 3,166 (rank among the 16 counties)", 100,
                () => $"/api/v1/assessments/{Pick(OrganisationTier.County).Id}?period={Period}"),
        };
        var leagues = new[]
        {
            await MeasureAsync("county league: its 15 townships ranked", 200,
                () => $"/api/v1/assessments/{Pick(OrganisationTier.County).Id}/league?period={Period}"),
            await MeasureAsync("province league: the 16 counties ranked", 100,
                () => $"/api/v1/assessments/league?period={Period}"),
        };

        var rows = scorecards.Concat(leagues).Select(r => r.Row);
        return new Result(
            $"""
            # Assessment benchmark — {DateTime.UtcNow:yyyy-MM-dd}, {Environment.MachineName} ({Environment.ProcessorCount} cores)

            Through the gateway, one request at a time, admin token, period {Period} (live counts). Alone:
            `dotnet run -c Release --project bench/PartyGrid.Bench -- assessment http://localhost:5080 "<assessment-db>"` against `./run.sh`.

            Dataset (generated into assessment's database by `ProvinceDataset`, counts by assessment's own
            `TicketContribution`): {ProvinceDataset.Counties} counties × {ProvinceDataset.Townships} townships × {ProvinceDataset.Villages} villages ×
            {ProvinceDataset.Groups} groups = {province.Organisations.Count:N0} organisations, {ProvinceDataset.Tickets:N0} tickets over
            {ProvinceDataset.Months[0]}…{ProvinceDataset.Months[^1]}. Load: {province.Load}.

            | query | samples | p50 ms | p99 ms | max ms |
            |---|---|---|---|---|
            {string.Join("\n", rows)}
            """,
            scorecards.Max(r => r.P99),
            leagues.Max(r => r.P99));
    }
}
