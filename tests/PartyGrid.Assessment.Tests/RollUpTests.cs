using System.Net;
using System.Text.Json;
using PartyGrid.Contracts;
using PartyGrid.Testing;
using static PartyGrid.Assessment.Tests.Snapshots;
using static PartyGrid.Testing.TicketSnapshots;

namespace PartyGrid.Assessment.Tests;

/// <summary>Quarters and years are the sums of their months, closed months from their frozen rows; a trend is one point per month.</summary>
[Collection(AssessmentServiceCollection.Name)]
public sealed class RollUpTests(AssessmentService service)
{
    private static TicketChanged[] Tickets(TestCounty county, int year)
    {
        DateTimeOffset In(int month, int day) => new(year, month, day, 10, 0, 0, TimeSpan.FromHours(8));
        return
        [
        // July: on time, rated 5. August: on time, rated 2; another still open, due in August. September: late, rated 4.
        Ticket(county.A, OrganisationTier.Village, In(7, 2), In(7, 20), status: TicketStatus.Closed, respondedOnTime: true, resolvedAt: In(7, 10), rating: 5),
        Ticket(county.A, OrganisationTier.Village, In(8, 3), In(8, 20), status: TicketStatus.Closed, respondedOnTime: true, resolvedAt: In(8, 12), rating: 2),
        Ticket(county.A, OrganisationTier.Village, In(8, 5), In(8, 25), status: TicketStatus.InProgress, respondedOnTime: true),
        Ticket(county.A, OrganisationTier.Village, In(9, 1), In(9, 15), status: TicketStatus.Closed, resolvedAt: In(9, 20), rating: 4),
        // November, outside the quarter but inside the year: on time, rated 3.
        Ticket(county.A, OrganisationTier.Village, In(11, 2), In(11, 20), status: TicketStatus.Closed, respondedOnTime: true, resolvedAt: In(11, 5), rating: 3),
        ];
    }

    [Fact]
    public async Task A_quarter_and_a_year_are_the_sums_of_their_months()
    {
        var county = new TestCounty();
        await service.PublishAndWaitAsync([.. county.Changes()]);
        await service.PublishAndWaitAsync(Tickets(county, 2025));

        var quarter = await service.ScorecardAsync(county.A, "2025-Q3", "own");
        Assert.Equal("2025-Q3", quarter.GetProperty("period").GetString());
        var months = new[] { "2025-07", "2025-08", "2025-09" };
        var monthCounts = new List<JsonElement>();
        foreach (var month in months)
        {
            monthCounts.Add((await service.ScorecardAsync(county.A, month, "own")).GetProperty("counts"));
        }

        foreach (var counter in quarter.GetProperty("counts").EnumerateObject().Where(c => !c.Name.EndsWith("Organisations", StringComparison.Ordinal) && !c.Name.EndsWith("Covered", StringComparison.Ordinal)))
        {
            Assert.True(counter.Value.GetInt64() == monthCounts.Sum(m => m.GetProperty(counter.Name).GetInt64()), counter.Name);
        }

        // Four taken in, three answered in time; due t1 t2 t3 t4, on time t1 t2; ratings 5, 2, 4.
        ScorecardTests.AssertCounts(quarter, ("submitted", 4), ("respondedOnTime", 3), ("due", 4), ("resolvedOnTime", 2), ("rated", 3),
            ("satisfiedRatings", 2), ("unsatisfiedRatings", 1), ("ratingSum", 11));
        Assert.Equal(0.6667m, quarter.GetProperty("indicators").GetProperty("satisfactionRate").GetDecimal());
        Assert.Equal(3.67m, quarter.GetProperty("indicators").GetProperty("meanRating").GetDecimal());
        Assert.Equal(0.5m, quarter.GetProperty("indicators").GetProperty("onTimeResolutionRate").GetDecimal());

        // The year adds November's 3: ratings 5, 2, 4, 3 → 3 of 4 satisfied, mean 3.5.
        var year = await service.ScorecardAsync(county.A, "2025", "own");
        ScorecardTests.AssertCounts(year, ("submitted", 5), ("rated", 4), ("satisfiedRatings", 3), ("ratingSum", 14));
        Assert.Equal(3.5m, year.GetProperty("indicators").GetProperty("meanRating").GetDecimal());

        // The village's league for the quarter ranks A (scored) above B (nothing to score).
        var league = await Json.ReadAsync(await service.Admin.GetAsync($"/api/v1/assessments/{county.T1}/league?period=2025-Q3&scope=own"), HttpStatusCode.OK);
        Assert.Equal("2025-Q3", league.GetProperty("period").GetString());
        Assert.Equal(county.A, league.GetProperty("items")[0].GetProperty("orgId").GetGuid());
        Assert.Equal(1, league.GetProperty("items")[0].GetProperty("rank").GetInt32());

        foreach (var bad in new[] { "2025-Q5", "2025-Q0", "25", "2025-H1" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await service.Admin.GetAsync($"/api/v1/assessments/{county.A}?period={bad}")).StatusCode);
        }
    }

    [Fact]
    public async Task A_closed_month_inside_a_quarter_keeps_its_frozen_figures_and_a_trend_has_a_point_per_month()
    {
        var county = new TestCounty();
        await service.PublishAndWaitAsync([.. county.Changes()]);
        await service.PublishAndWaitAsync(Tickets(county, 2024));
        await Json.ReadAsync(await service.Admin.PostAsync("/api/v1/assessments/periods/2024-07/close", null), HttpStatusCode.OK);
        DateTimeOffset July(int day) => new(2024, 7, day, 10, 0, 0, TimeSpan.FromHours(8));

        // A July ticket arriving after the close: July stays as frozen, so the quarter too; the difference is an adjustment.
        await service.PublishAndWaitAsync(Ticket(county.A, OrganisationTier.Village, July(8), July(25), status: TicketStatus.Closed,
            respondedOnTime: true, resolvedAt: July(9), rating: 1));
        var quarter = await service.ScorecardAsync(county.A, "2024-Q3", "own");
        Assert.False(quarter.GetProperty("closed").GetBoolean());
        ScorecardTests.AssertCounts(quarter, ("submitted", 4), ("rated", 3));
        var july = await service.ScorecardAsync(county.A, "2024-07", "own");
        Assert.True(july.GetProperty("closed").GetBoolean());
        ScorecardTests.AssertCounts(july.GetProperty("adjustment"), ("submitted", 1), ("rated", 1));

        var trend = await Json.ReadAsync(await service.Admin.GetAsync($"/api/v1/assessments/{county.A}/trend?from=2024-07&to=2024-11&scope=own"), HttpStatusCode.OK);
        var points = trend.EnumerateArray().ToList();
        Assert.Equal(["2024-07", "2024-08", "2024-09", "2024-10", "2024-11"], points.Select(p => p.GetProperty("period").GetString()));
        Assert.Equal([true, false, false, false, false], points.Select(p => p.GetProperty("closed").GetBoolean()));
        // Satisfaction month by month: July frozen at its 5 alone, August's 2, September's 4, nothing in October, November's 3.
        Assert.Equal([1m, 0m, 1m, null, 1m], points.Select(p => p.GetProperty("indicators").GetProperty("satisfactionRate") is { ValueKind: JsonValueKind.Number } v
            ? v.GetDecimal()
            : (decimal?)null));
        // October has only coverage to score (A has no service site): 0.
        Assert.Equal(0m, points[3].GetProperty("score").GetDecimal());

        foreach (var bad in new[] { "from=2024-12&to=2024-11", "from=2020-01&to=2024-11", "from=2024-7", "scope=all" })
        {
            var refused = await service.Admin.GetAsync($"/api/v1/assessments/{county.A}/trend?{bad}");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await service.Host.ClientAs(county.B, "viewer").GetAsync($"/api/v1/assessments/{county.A}/trend")).StatusCode);
    }
}
