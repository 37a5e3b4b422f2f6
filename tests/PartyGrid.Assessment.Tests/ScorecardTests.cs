using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartyGrid.Contracts;
using PartyGrid.Testing;
using static PartyGrid.Assessment.Tests.Snapshots;
using static PartyGrid.Testing.TicketSnapshots;

namespace PartyGrid.Assessment.Tests;

/// <summary>
/// Every indicator, own and subtree, on the small test county, against figures worked out by hand in
/// the comments (default scheme: response .20 floor .60, on-time .25, satisfaction .20 floor .60,
/// rectification .05, local .10, reopen .05, member satisfaction .05, pairing .05, coverage .05; an
/// indicator without data leaves its weight out, and none of these tickets was rated badly).
/// </summary>
[Collection(AssessmentServiceCollection.Name)]
public sealed class ScorecardTests(AssessmentService service)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public async Task A_month_of_tickets_surveys_pairings_and_sites_gives_the_hand_computed_scorecards_and_league()
    {
        var county = new TestCounty();
        await service.PublishAndWaitAsync([.. county.Changes()]);
        var local = TimeZoneInfo.ConvertTime(service.Host.Time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        var month = new DateTimeOffset(local.Year, local.Month, 1, 10, 0, 0, China);
        var period = $"{local.Year:D4}-{local.Month:D2}";
        DateTimeOffset Day(int d) => month.AddDays(d - 1);

        await service.PublishAndWaitAsync(
            // t1: taken in and settled at A on time, rated 5.
            Ticket(county.A, OrganisationTier.Village, Day(2), Day(20), status: TicketStatus.Closed, respondedOnTime: true, resolvedAt: Day(12), rating: 5),
            // t2: taken in at A, escalated, resolved late by T1, not rated.
            Ticket(county.A, OrganisationTier.Village, Day(3), Day(24), current: county.T1, currentTier: OrganisationTier.Township,
                status: TicketStatus.Resolved, resolvedAt: Day(25), escalations: 1),
            // t3: taken in at group G, worked by its village A, reopened once, then closed on time with a 4.
            Ticket(county.G, OrganisationTier.Group, Day(4), Day(18), current: county.A, currentTier: OrganisationTier.Village,
                status: TicketStatus.Closed, respondedOnTime: true, resolvedAt: Day(15), reopens: 1, rating: 4),
            // t4: at B, answered in time, still open past nothing yet but due this month.
            Ticket(county.B, OrganisationTier.Village, Day(5), Day(28), status: TicketStatus.InProgress, respondedOnTime: true),
            // t5: at B, cancelled: counts as submitted only.
            Ticket(county.B, OrganisationTier.Village, Day(6), Day(26), status: TicketStatus.Cancelled),
            // t6: taken in at township T1, late to answer, resolved there on time, rated 3.
            Ticket(county.T1, OrganisationTier.Township, Day(7), Day(21), status: TicketStatus.Closed, resolvedAt: Day(20), rating: 3),
            Pairing(county.U, county.A, (DateOnly.FromDateTime(Day(10).Date), true), (DateOnly.FromDateTime(Day(27).Date), false)),
            Site(county.C, OrganisationTier.County, true),
            Site(county.T1, OrganisationTier.Township, true),
            Site(county.A, OrganisationTier.Village, true),
            Site(county.B, OrganisationTier.Village, true),
            Site(county.D, OrganisationTier.Village, false),
            Site(county.U, OrganisationTier.Village, true));
        foreach (var (org, respondent, score) in new[]
        {
            (county.A, "member", 5), (county.A, "member", 4), (county.A, "member", 2), (county.A, "resident", 5),
            (county.U, "member", 5), (county.U, "member", 5), (county.U, "resident", 4),
        })
        {
            var answer = await service.AnswerAsync(org, respondent, score);
            await Json.ReadAsync(answer, HttpStatusCode.Created);
        }

        // Own A: submitted t1 t2, answered in time t1, escalated t2; taken in and resolved t1 t2, locally t1;
        // due here t1 t3 both on time; resolved here t1 t3, t3 reopened, ratings 5 and 4; members 2 of 3,
        // residents 1 of 1; commitments 1 of 2; A's own site open.
        var a = await service.ScorecardAsync(county.A, period, "own");
        AssertIndicators(a, response: 0.5m, onTime: 1m, satisfaction: 1m, mean: 4.5m, local: 0.5m, escalation: 0.5m, reopen: 0.5m,
            members: 0.6667m, pairing: 0.5m, coverage: 1m, residents: 1m);
        AssertCounts(a, ("submitted", 2), ("respondedOnTime", 1), ("escalated", 1), ("takenInResolved", 2), ("resolvedLocally", 1), ("due", 2),
            ("resolvedOnTime", 2), ("resolved", 2), ("reopened", 1), ("rated", 2), ("ratingSum", 9), ("memberAnswers", 3), ("memberSatisfied", 2),
            ("commitmentsDue", 2), ("commitmentsFulfilled", 1), ("villageOrganisations", 1), ("villageCovered", 1));
        // Response 0.5 is under its floor and scores 0: (.25 + .20 + .10×.5 + .05×.5 + .05×.6667 + .05×.5 + .05) / .95.
        Assert.Equal(66.67m, a.GetProperty("score").GetDecimal());
        Assert.False(a.GetProperty("doubleSatisfaction").GetBoolean());

        // Own G: its one ticket, answered and settled locally by its village; no site of its own.
        var g = await service.ScorecardAsync(county.G, period, "own");
        AssertIndicators(g, response: 1m, onTime: null, satisfaction: null, mean: null, local: 1m, escalation: 0m, reopen: null,
            members: null, pairing: null, coverage: 0m, residents: null);
        Assert.Equal(85.71m, g.GetProperty("score").GetDecimal()); // (.20 + .10) / .35

        // Own T1: t6 taken in (late answer); due here t2 (late) and t6; resolved t2 and t6; one rating, 3.
        var t1Own = await service.ScorecardAsync(county.T1, period, "own");
        AssertIndicators(t1Own, response: 0m, onTime: 0.5m, satisfaction: 1m, mean: 3m, local: 1m, escalation: 0m, reopen: 0m,
            members: null, pairing: null, coverage: 1m, residents: 1m);
        Assert.Equal(61.76m, t1Own.GetProperty("score").GetDecimal()); // (0 + .125 + .20 + .10 + .05 + .05) / .85

        // Subtree T1 = T1, A, B, G: six taken in, three answered in time, one escalated; four resolved of
        // those taken in, three locally (t1, t3, t6); five due (t5 cancelled), three on time; four resolved,
        // one reopened; ratings 5, 4, 3; A's surveys and commitments; sites at T1, A, B but not G.
        var t1 = await service.ScorecardAsync(county.T1, period);
        AssertIndicators(t1, response: 0.5m, onTime: 0.6m, satisfaction: 1m, mean: 4m, local: 0.75m, escalation: 0.1667m, reopen: 0.25m,
            members: 0.6667m, pairing: 0.5m, coverage: 0.75m, residents: 1m);
        Assert.Equal(58.77m, t1.GetProperty("score").GetDecimal()); // (0 + .15 + .20 + .075 + .0375 + .0333 + .025 + .0375) / .95

        // U: every member and resident satisfied → 双满意.
        var u = await service.ScorecardAsync(county.U, period, "own");
        Assert.True(u.GetProperty("doubleSatisfaction").GetBoolean());

        // League of C's children (subtree): S = (.05×1 + .05×.5 + .05×.5)/.15 = 66.67 (U's surveys, commitments,
        // half its sites); T1 58.77; T2 has only coverage (no open site) → 0. Three scored: one red, one black.
        var league = await Json.ReadAsync(await service.Admin.GetAsync($"/api/v1/assessments/{county.C}/league?period={period}"), HttpStatusCode.OK);
        var items = league.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([county.S, county.T1, county.T2], items.Select(i => i.GetProperty("orgId").GetGuid()));
        Assert.Equal([66.67m, 58.77m, 0m], items.Select(i => i.GetProperty("score").GetDecimal()));
        Assert.Equal([1, 2, 3], items.Select(i => i.GetProperty("rank").GetInt32()));
        Assert.Equal(["red", null, "black"], items.Select(i => i.GetProperty("list").GetString()));
        Assert.Equal(2, t1.GetProperty("rank").GetInt32());
        Assert.Equal(3, t1.GetProperty("rankedAmong").GetInt32());

        // The exports, opened with the Open XML SDK, hold the same figures.
        var leagueSheet = await ExportedAsync($"/api/v1/assessments/{county.C}/league/export?period={period}", "排名-");
        Assert.Equal(["排名", "组织", "得分", "榜单"], leagueSheet[0]);
        Assert.Equal(
            [["1", TestCounty.Code(county.S), "66.67", "红榜"], ["2", TestCounty.Code(county.T1), "58.77"], ["3", TestCounty.Code(county.T2), "0", "黑榜"]],
            leagueSheet.Skip(1));
        var card = (await ExportedAsync($"/api/v1/assessments/{county.T1}/export?period={period}", "考核-")).Skip(1).ToDictionary(r => (r[0], r[1]), r => r.ElementAtOrDefault(2));
        Assert.Equal("58.77", card[("概况", "得分")]);
        Assert.Equal("2/3", card[("概况", "排名")]);
        Assert.Equal("0.1667", card[("指标", "上报率")]);
        Assert.Equal("4", card[("指标", "平均评分")]);
        Assert.Equal("6", card[("计数", "受理件数")]);
        Assert.Equal("3", card[("计数", "评价次数")]);
        var glossary = await Json.ReadAsync(await service.Admin.GetAsync("/api/v1/assessments/glossary"), HttpStatusCode.OK);
        foreach (var term in glossary.GetProperty("indicators").EnumerateArray())
        {
            var value = t1.GetProperty("indicators").GetProperty(term.GetProperty("key").GetString()!);
            Assert.Equal(value.ValueKind == JsonValueKind.Null ? null : value.GetDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture),
                card[("指标", term.GetProperty("name").GetString()!)]);
        }
    }

    private async Task<List<List<string>>> ExportedAsync(string url, string fileName)
    {
        using var response = await service.Admin.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(fileName, response.Content.Headers.ContentDisposition?.FileNameStar, StringComparison.Ordinal);
        return PartyGrid.ServiceDefaults.Import.ImportFiles.ReadXlsx(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_glossary_names_every_indicator_and_count_a_scorecard_carries_and_says_what_each_ratio_is_made_of()
    {
        var county = new TestCounty();
        await service.PublishAndWaitAsync([.. county.Changes()]);
        var card = await service.ScorecardAsync(county.A, "2026-05", "own");
        var glossary = await Json.ReadAsync(await service.Host.ClientAs(county.A, "viewer").GetAsync("/api/v1/assessments/glossary"), HttpStatusCode.OK);
        var indicators = glossary.GetProperty("indicators").EnumerateArray().ToList();
        var counts = glossary.GetProperty("counts").EnumerateArray().ToList();
        Assert.Equal(card.GetProperty("indicators").EnumerateObject().Select(p => p.Name).Order(), indicators.Select(i => i.GetProperty("key").GetString()).Order());
        Assert.Equal(card.GetProperty("counts").EnumerateObject().Select(p => p.Name).Order(), counts.Select(c => c.GetProperty("key").GetString()).Order());
        Assert.All(indicators.Concat(counts), t => Assert.False(string.IsNullOrWhiteSpace(t.GetProperty("name").GetString())));
        var onTime = indicators.Single(i => i.GetProperty("key").GetString() == "onTimeResolutionRate");
        Assert.Equal(("按期办结率", "resolvedOnTime", "due", true),
            (onTime.GetProperty("name").GetString(), onTime.GetProperty("part").GetString(), onTime.GetProperty("whole").GetString(), onTime.GetProperty("percent").GetBoolean()));
        Assert.False(indicators.Single(i => i.GetProperty("key").GetString() == "meanRating").GetProperty("percent").GetBoolean());
        Assert.True(counts.Single(c => c.GetProperty("key").GetString() == "unsatisfiedRatings").GetProperty("listable").GetBoolean());
        Assert.False(counts.Single(c => c.GetProperty("key").GetString() == "memberAnswers").GetProperty("listable").GetBoolean());
    }

    [Fact]
    public async Task Bad_queries_are_refused_and_unseen_organisations_are_not_found()
    {
        var county = new TestCounty();
        await service.PublishAndWaitAsync([.. county.Changes()]);
        foreach (var query in new[] { "period=2026-13", "period=26-11", "scope=all" })
        {
            var response = await service.Admin.GetAsync($"/api/v1/assessments/{county.A}?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        var outsider = service.Host.ClientAs(county.B, "viewer");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/assessments/{county.A}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await outsider.GetAsync($"/api/v1/assessments/{county.B}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await service.Admin.GetAsync($"/api/v1/assessments/{Guid.NewGuid()}")).StatusCode);

        var viewerSurvey = await outsider.PostAsJsonAsync("/api/v1/surveys", new { orgId = county.B, respondent = "member", respondentMemberId = Guid.NewGuid(), score = 4 });
        Assert.Equal(HttpStatusCode.Forbidden, viewerSurvey.StatusCode);
        // A value that is no respondent is refused at binding with the values there are; the rules come after.
        var mistyped = await service.Host.ClientAs(county.T1, "staff").PostAsJsonAsync("/api/v1/surveys", new { orgId = county.B, respondent = "visitor", score = 4 });
        var wrong = (await Json.ReadAsync(mistyped, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal("must be one of: member, resident", wrong.GetProperty("respondent")[0].GetString());
        var bad = await service.Host.ClientAs(county.T1, "staff").PostAsJsonAsync("/api/v1/surveys", new { orgId = county.B, score = 6 });
        var problem = await Json.ReadAsync(bad, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("respondent", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("score", out _));
        Assert.Equal(0, await service.ScalarAsync<long>("SELECT count(*) FROM survey_answers WHERE organisation_id = @id", county.B));
    }

    internal static void AssertIndicators(
        JsonElement card, decimal? response, decimal? onTime, decimal? satisfaction, decimal? mean, decimal? local, decimal? escalation,
        decimal? reopen, decimal? members, decimal? pairing, decimal? coverage, decimal? residents)
    {
        var indicators = card.GetProperty("indicators");
        foreach (var (name, expected) in new[]
        {
            ("responseRate", response), ("onTimeResolutionRate", onTime), ("satisfactionRate", satisfaction), ("meanRating", mean),
            ("localResolutionRate", local), ("escalationRate", escalation), ("reopenRate", reopen), ("memberSatisfactionRate", members),
            ("pairingFulfilmentRate", pairing), ("serviceCoverageRate", coverage), ("residentSatisfactionRate", residents),
        })
        {
            var value = indicators.GetProperty(name);
            decimal? actual = value.ValueKind == JsonValueKind.Null ? null : value.GetDecimal();
            Assert.True(expected == actual, $"{name}: expected {expected?.ToString() ?? "null"}, got {actual?.ToString() ?? "null"}");
        }
    }

    internal static void AssertCounts(JsonElement card, params (string Name, long Expected)[] counts)
    {
        foreach (var (name, expected) in counts)
        {
            Assert.True(expected == card.GetProperty("counts").GetProperty(name).GetInt64(), $"{name}: expected {expected}");
        }
    }
}
