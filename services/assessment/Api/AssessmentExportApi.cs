using Microsoft.AspNetCore.Http.HttpResults;
using PartyGrid.ServiceDefaults.Export;
using PartyGrid.ServiceDefaults.Identity;
using PartyGrid.ServiceDefaults.Projections;

namespace PartyGrid.Assessment.Api;

/// <summary>
/// A scorecard and a league as Excel workbooks for the offices' reports, built from the very answers
/// of <c>GET /assessments/{orgId}</c> and <c>/league</c> (same period, scope and scope check), named
/// with <see cref="IndicatorGlossary"/>; and the glossary itself, so every reader names a figure alike.
/// </summary>
public static class AssessmentExportApi
{
    public static RouteGroupBuilder MapAssessmentExportApi(this RouteGroupBuilder api)
    {
        api.MapGet("/glossary", () => TypedResults.Ok(IndicatorGlossary.Terms))
            .WithSummary("The Chinese name of every indicator and count of a scorecard, and which counts each indicator is a ratio of.");
        api.MapGet("/{orgId:guid}/export", Scorecard)
            .WithSummary("GET /assessments/{orgId} as an Excel workbook (.xlsx): the summary, every indicator and every count, in Chinese.");
        api.MapGet("/{orgId:guid}/league/export", League)
            .WithSummary("GET /assessments/{orgId}/league as an Excel workbook (.xlsx): rank, organisation, score and 红榜/黑榜.");
        return api;
    }

    private static readonly XlsxColumn[] ScorecardColumns = [new("类别", 8), new("项目", 24), new("数值", 16)];

    private static readonly XlsxColumn[] LeagueColumns = [new("排名", 8), new("组织", 28), new("得分", 10), new("榜单", 8)];

    private static Task<Results<XlsxFile, ValidationProblem, ProblemHttpResult>> Scorecard(
        Guid orgId, string? period, string? scope, Caller caller, ProjectedScope<AssessmentDbContext> organisations, Scorecards scorecards,
        TimeProvider time, CancellationToken cancellationToken) =>
        MonthQuery.ForOrganisationAsync(orgId, period, scope, caller, organisations, time, cancellationToken, async (organisation, span, over) =>
        {
            var card = await scorecards.ForAsync(organisation, span, over, cancellationToken);
            List<IReadOnlyList<object?>> rows =
            [
                ["概况", "组织", card.Name],
                ["概况", "考核期", card.Period],
                ["概况", "范围", ScopeName(card.Scope)],
                ["概况", "状态", card.Closed ? "已结账" : "进行中"],
                ["概况", "得分", card.Score],
                ["概况", "排名", card.Rank is { } rank ? $"{rank}/{card.RankedAmong}" : null],
                ["概况", "榜单", ListName(card.List)],
                ["概况", "双满意", card.DoubleSatisfaction],
                .. IndicatorGlossary.Terms.Indicators.Select(i => (IReadOnlyList<object?>)["指标", i.Name, Value(i, card.Indicators.GetValueOrDefault(i.Key))]),
                .. IndicatorGlossary.Terms.Counts.Select(c => (IReadOnlyList<object?>)["计数", c.Name, card.Counts.GetValueOrDefault(c.Key)]),
            ];
            return new XlsxFile($"考核-{card.Name}-{card.Period}", "考核", ScorecardColumns, rows.ToAsyncEnumerable());
        });

    private static Task<Results<XlsxFile, ValidationProblem, ProblemHttpResult>> League(
        Guid orgId, string? period, string? scope, Caller caller, ProjectedScope<AssessmentDbContext> organisations, Scorecards scorecards,
        TimeProvider time, CancellationToken cancellationToken) =>
        MonthQuery.ForOrganisationAsync(orgId, period, scope, caller, organisations, time, cancellationToken, async (organisation, span, over) =>
        {
            var league = await scorecards.LeagueAsync(organisation, span, over, cancellationToken);
            var rows = league.Items.Select(e => (IReadOnlyList<object?>)[e.Rank, e.Name, e.Score, ListName(e.List)]);
            return new XlsxFile($"排名-{organisation.Name}-{league.Period}", "排名", LeagueColumns, rows.ToAsyncEnumerable());
        });

    private static object? Value(IndicatorTerm term, decimal? value) => value is { } v && term.Percent ? new XlsxPercent((double)v) : value;

    private static string ScopeName(string scope) => scope == "own" ? "本级" : "含下级";

    private static string? ListName(string? list) => list switch
    {
        "red" => "红榜",
        "black" => "黑榜",
        _ => null,
    };
}
