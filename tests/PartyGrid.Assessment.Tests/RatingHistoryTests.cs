using System.Net;
using System.Text.Json;
using PartyGrid.Contracts;
using PartyGrid.Testing;
using static PartyGrid.Assessment.Tests.Snapshots;
using static PartyGrid.Testing.TicketSnapshots;

namespace PartyGrid.Assessment.Tests;

/// <summary>
/// 好差评 as events: every rating and reopening counts in its own month at the village whose work it
/// judged, a bad rating stays counted after its rectification, and the rectification rate compares
/// rectifications resolved by their deadline with those due. Figures worked out by hand in the comments.
/// </summary>
[Collection(AssessmentServiceCollection.Name)]
public sealed class RatingHistoryTests(AssessmentService service)
{
    private static DateTimeOffset September(int d) => new(2025, 9, d, 10, 0, 0, TimeSpan.FromHours(8));

    private static DateTimeOffset October(int d) => new(2025, 10, d, 10, 0, 0, TimeSpan.FromHours(8));

    /// <summary>Two tickets of village A, rated 5 and 2 in September; the 2 is rectified on time and rated 4 in October.</summary>
    private static (TicketChanged Good, TicketChanged BadlyRated, TicketChanged Rectified) Story(TestCounty county)
    {
        TicketResolution First(DateTimeOffset at, DateTimeOffset due) => new(at, county.A, OrganisationTier.Village, due);
        var good = Ticket(county.A, OrganisationTier.Village, September(2), September(20), status: TicketStatus.Closed, respondedOnTime: true,
            resolvedAt: September(10), rating: 5, version: 3) with
        {
            FirstResolution = First(September(10), September(20)),
            Ratings = [new TicketRating(5, September(11), county.A)],
            Reopenings = [],
        };
        var id = Guid.NewGuid();
        var badlyRated = Ticket(county.A, OrganisationTier.Village, September(3), October(10), id: id, status: TicketStatus.Reopened,
            respondedOnTime: true, reopens: 1, rating: 2, version: 4) with
        {
            ResolvedLocally = true,
            FirstResolution = First(September(12), September(21)),
            Ratings = [new TicketRating(2, September(14), county.A)],
            Reopenings = [new TicketReopening(September(14), "rated 2: rectification", county.A, October(10), null, true)],
        };
        var rectified = Ticket(county.A, OrganisationTier.Village, September(3), October(10), id: id, status: TicketStatus.Closed,
            respondedOnTime: true, resolvedAt: October(5), reopens: 1, rating: 4, version: 6) with
        {
            FirstResolution = First(September(12), September(21)),
            Ratings = [new TicketRating(2, September(14), county.A), new TicketRating(4, October(6), county.A)],
            Reopenings = [new TicketReopening(September(14), "rated 2: rectification", county.A, October(10), October(5), true)],
        };
        return (good, badlyRated, rectified);
    }

    [Fact]
    public async Task A_bad_rating_stays_counted_in_its_month_and_the_rectification_and_re_rating_count_in_theirs()
    {
        var county = new TestCounty();
        await service.PublishAndWaitAsync([.. county.Changes()]);
        var (good, badlyRated, rectified) = Story(county);

        await service.PublishAndWaitAsync(good, badlyRated);
        // September at A: resolved 2 (both first resolutions, on time), ratings 5 and 2 → satisfaction 1/2,
        // mean 3.5; one reopening of two resolutions → reopen rate 1/2. The rectification falls due in October.
        var september = await service.ScorecardAsync(county.A, "2025-09", "own");
        AssertFigures(september, ("satisfactionRate", 0.5m), ("meanRating", 3.5m), ("reopenRate", 0.5m), ("onTimeResolutionRate", 1m), ("rectificationRate", null));
        ScorecardTests.AssertCounts(september, ("resolved", 2), ("rated", 2), ("satisfiedRatings", 1), ("unsatisfiedRatings", 1), ("ratingSum", 7), ("reopened", 1), ("rectificationsDue", 0));
        var octoberOpen = await service.ScorecardAsync(county.A, "2025-10", "own");
        ScorecardTests.AssertCounts(octoberOpen, ("rectificationsDue", 1), ("rectifiedOnTime", 0), ("rated", 0));

        await service.PublishAndWaitAsync(rectified);
        // September is as it was: the bad rating is history. October: the re-rating of 4 (1 of 1 satisfied)
        // and the rectification, resolved on 5 October against 10 October → rectification rate 1.
        Assert.Equal(september.GetProperty("counts").ToString(), (await service.ScorecardAsync(county.A, "2025-09", "own")).GetProperty("counts").ToString());
        var october = await service.ScorecardAsync(county.A, "2025-10", "own");
        AssertFigures(october, ("satisfactionRate", 1m), ("meanRating", 4m), ("rectificationRate", 1m), ("reopenRate", null));
        ScorecardTests.AssertCounts(october, ("rated", 1), ("ratingSum", 4), ("rectificationsDue", 1), ("rectifiedOnTime", 1), ("resolved", 0));

        // A third ticket, rated 1 in September and rectified late (due 10 October, resolved on the 20th):
        // October's rectification rate is 1 of 2; September now has ratings 5, 2, 1 and two reopenings of three.
        var late = Ticket(county.A, OrganisationTier.Village, September(4), October(10), status: TicketStatus.Resolved, respondedOnTime: true,
            resolvedAt: October(20), reopens: 1, rating: 1, version: 5) with
        {
            FirstResolution = new TicketResolution(September(15), county.A, OrganisationTier.Village, September(22)),
            Ratings = [new TicketRating(1, September(16), county.A)],
            Reopenings = [new TicketReopening(September(16), "rated 1: rectification", county.A, October(10), October(20), true)],
        };
        await service.PublishAndWaitAsync(late);
        AssertFigures(await service.ScorecardAsync(county.A, "2025-10", "own"), ("rectificationRate", 0.5m));
        AssertFigures(await service.ScorecardAsync(county.A, "2025-09", "own"),
            ("satisfactionRate", 0.3333m), ("meanRating", 2.67m), ("reopenRate", 0.6667m), ("onTimeResolutionRate", 1m));
        // The township's subtree holds the same events.
        AssertFigures(await service.ScorecardAsync(county.T1, "2025-10"), ("rectificationRate", 0.5m), ("satisfactionRate", 1m));

        // Behind the figures: September's two bad ratings, October's two rectifications due and the one on time.
        var unsatisfied = (await BehindAsync(county.A, "2025-09", "own", "unsatisfiedRatings")).ToDictionary(t => t.GetProperty("ticketId").GetGuid());
        Assert.Equal("2025-09-14 评价 2 分", unsatisfied[badlyRated.Id].GetProperty("reason").GetString());
        Assert.Equal("2025-09-16 评价 1 分", unsatisfied[late.Id].GetProperty("reason").GetString());
        Assert.Equal(2, unsatisfied.Count);
        Assert.Equal(new[] { badlyRated.Id, late.Id }.Order(),
            (await BehindAsync(county.T1, "2025-10", "subtree", "rectificationsDue")).Select(t => t.GetProperty("ticketId").GetGuid()).Order());
        var onTime = Assert.Single(await BehindAsync(county.A, "2025-10", "own", "rectifiedOnTime"));
        Assert.Equal("整改期限 2025-10-10，2025-10-05 办结", onTime.GetProperty("reason").GetString());
        var ratingSum = await BehindAsync(county.A, "2025-09", "own", "ratingSum");
        Assert.Equal(8, ratingSum.Sum(t => t.GetProperty("amount").GetInt32()));
        Assert.Empty(await BehindAsync(county.A, "2025-11", "own", "rated"));

        // Two at a time: the cursor leads to the third and last of September's rated tickets.
        var first = await Json.ReadAsync(await service.Admin.GetAsync($"/api/v1/assessments/{county.A}/tickets?period=2025-09&scope=own&count=rated&limit=2"), HttpStatusCode.OK);
        var rest = await Json.ReadAsync(await service.Admin.GetAsync(
            $"/api/v1/assessments/{county.A}/tickets?period=2025-09&scope=own&count=rated&limit=2&cursor={first.GetProperty("nextCursor").GetString()}"), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("nextCursor").ValueKind);
        Assert.Equal(new[] { good.Id, badlyRated.Id, late.Id }.Order(),
            first.GetProperty("items").EnumerateArray().Concat(rest.GetProperty("items").EnumerateArray()).Select(t => t.GetProperty("ticketId").GetGuid()).Order());
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());

        var unknown = await Json.ReadAsync(await service.Admin.GetAsync($"/api/v1/assessments/{county.A}/tickets?period=2025-09&count=memberAnswers"), HttpStatusCode.BadRequest);
        Assert.True(unknown.GetProperty("errors").TryGetProperty("count", out _));
        Assert.Equal(HttpStatusCode.NotFound,
            (await service.Host.ClientAs(county.B, "viewer").GetAsync($"/api/v1/assessments/{county.A}/tickets?period=2025-09&count=rated")).StatusCode);
    }

    private async Task<List<JsonElement>> BehindAsync(Guid org, string period, string scope, string count)
    {
        var page = await Json.ReadAsync(await service.Admin.GetAsync($"/api/v1/assessments/{org}/tickets?period={period}&scope={scope}&count={count}&limit=200"), HttpStatusCode.OK);
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    [Fact]
    public async Task The_same_history_replayed_reversed_and_twice_gives_the_same_figures()
    {
        var inOrder = new TestCounty();
        var shuffled = new TestCounty();
        await service.PublishAndWaitAsync([.. inOrder.Changes(), .. shuffled.Changes()]);
        var (good, badlyRated, rectified) = Story(inOrder);
        await service.PublishAndWaitAsync(good, badlyRated);
        await service.PublishAndWaitAsync(rectified);

        // The other county's snapshots, newest first, each twice: older versions arriving late change nothing.
        var (good2, badlyRated2, rectified2) = Story(shuffled);
        await service.PublishAndWaitAsync(rectified2, rectified2, good2, badlyRated2, badlyRated2, good2);
        foreach (var (period, scope) in new[] { ("2025-09", "own"), ("2025-10", "own"), ("2025-09", "subtree"), ("2025-10", "subtree") })
        {
            var expected = await service.ScorecardAsync(inOrder.A, period, scope);
            var actual = await service.ScorecardAsync(shuffled.A, period, scope);
            Assert.Equal(expected.GetProperty("counts").ToString(), actual.GetProperty("counts").ToString());
            Assert.Equal(expected.GetProperty("indicators").ToString(), actual.GetProperty("indicators").ToString());
        }

        ScorecardTests.AssertCounts(await service.ScorecardAsync(shuffled.A, "2025-09", "own"), ("rated", 2), ("satisfiedRatings", 1), ("reopened", 1));
        ScorecardTests.AssertCounts(await service.ScorecardAsync(shuffled.A, "2025-10", "own"), ("rated", 1), ("rectifiedOnTime", 1));
    }

    [Fact]
    public async Task A_snapshot_written_before_the_history_counts_its_rating_and_reopening_at_its_resolution()
    {
        var county = new TestCounty();
        await service.PublishAndWaitAsync([.. county.Changes()]);

        // No history fields, as tickets published before them: read from the current resolution and rating.
        await service.PublishAndWaitAsync(Ticket(county.B, OrganisationTier.Village, September(2), September(20), status: TicketStatus.Closed,
            resolvedAt: September(18), reopens: 1, rating: 4));
        var card = await service.ScorecardAsync(county.B, "2025-09", "own");
        ScorecardTests.AssertCounts(card, ("resolved", 1), ("resolvedOnTime", 1), ("rated", 1), ("ratingSum", 4), ("reopened", 1), ("rectificationsDue", 0));
    }

    private static void AssertFigures(JsonElement card, params (string Name, decimal? Expected)[] figures)
    {
        foreach (var (name, expected) in figures)
        {
            var value = card.GetProperty("indicators").GetProperty(name);
            decimal? actual = value.ValueKind == JsonValueKind.Null ? null : value.GetDecimal();
            Assert.True(expected == actual, $"{name}: expected {expected?.ToString() ?? "null"}, got {actual?.ToString() ?? "null"}");
        }
    }
}
