using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PartyGrid.Contracts;
using PartyGrid.Testing;
using static PartyGrid.Assessment.Tests.Snapshots;
using static PartyGrid.Testing.TicketSnapshots;

namespace PartyGrid.Assessment.Tests;

/// <summary>Snapshots in any order and number, closed months, and schemes by the month they apply to.</summary>
[Collection(AssessmentServiceCollection.Name)]
public sealed class PeriodTests(AssessmentService service)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public async Task Reordered_and_duplicated_snapshots_count_as_the_newest_alone_and_a_reopening_leaves_the_resolution_counted()
    {
        var county = new TestCounty();
        var twin = new TestCounty();
        await service.PublishAndWaitAsync([.. county.Changes()]);
        await service.PublishAndWaitAsync([.. twin.Changes()]);
        DateTimeOffset April(int d) => new(2026, 4, d, 9, 0, 0, China);
        TicketChanged Version(TestCounty c, Guid id, long v) => v switch
        {
            1 => Ticket(c.A, OrganisationTier.Village, April(3), April(13), id: id),
            2 => Ticket(c.A, OrganisationTier.Village, April(3), April(13), id: id, status: TicketStatus.Accepted, respondedOnTime: true, version: 2),
            3 => Ticket(c.A, OrganisationTier.Village, April(3), April(25), id: id, current: c.T1, currentTier: OrganisationTier.Township,
                respondedOnTime: true, escalations: 1, version: 3),
            4 => Ticket(c.A, OrganisationTier.Village, April(3), April(25), id: id, current: c.T1, currentTier: OrganisationTier.Township,
                status: TicketStatus.Resolved, respondedOnTime: true, escalations: 1, resolvedAt: April(20), version: 4),
            _ => Ticket(c.A, OrganisationTier.Village, April(3), April(25), id: id, current: c.T1, currentTier: OrganisationTier.Township,
                status: TicketStatus.Closed, respondedOnTime: true, escalations: 1, resolvedAt: April(20), rating: 4, version: 5),
        };

        var ticket = Guid.NewGuid();
        var redelivered = Guid.NewGuid();
        var ids = new List<Guid>();
        foreach (var (v, messageId) in new[] { (5L, redelivered), (2, Guid.NewGuid()), (4, Guid.NewGuid()), (1, Guid.NewGuid()), (3, Guid.NewGuid()), (5, redelivered), (5, Guid.NewGuid()) })
        {
            await service.PublishAsync(Version(county, ticket, v), messageId);
            ids.Add(messageId);
        }

        await service.ConsumedAsync(ids.Distinct().ToList());
        await service.PublishAndWaitAsync(Version(twin, Guid.NewGuid(), 5));

        var shuffled = await service.ScorecardAsync(county.T1, "2026-04");
        var once = await service.ScorecardAsync(twin.T1, "2026-04");
        Assert.Equal(once.GetProperty("counts").ToString(), shuffled.GetProperty("counts").ToString());
        ScorecardTests.AssertCounts(shuffled, ("submitted", 1), ("respondedOnTime", 1), ("escalated", 1), ("takenInResolved", 1), ("resolvedLocally", 0),
            ("due", 1), ("resolvedOnTime", 1), ("resolved", 1), ("rated", 1), ("ratingSum", 4), ("satisfiedRatings", 1));

        // Reopened by hand in May: April keeps its resolution and rating (they happened), and the reopening
        // counts in May at the township whose resolution it was; it is no rectification, so nothing falls due.
        var may2 = new DateTimeOffset(2026, 5, 2, 9, 0, 0, China);
        await service.PublishAndWaitAsync(Ticket(county.A, OrganisationTier.Village, April(3), new DateTimeOffset(2026, 5, 15, 9, 0, 0, China), id: ticket,
            current: county.T1, currentTier: OrganisationTier.Township, status: TicketStatus.Reopened, respondedOnTime: true, escalations: 1, reopens: 1,
            rating: 4, version: 6) with
        {
            FirstResolution = new TicketResolution(April(20), county.T1, OrganisationTier.Township, April(25)),
            Ratings = [new TicketRating(4, April(20), county.T1)],
            Reopenings = [new TicketReopening(may2, "群众反映问题复发", county.T1, new DateTimeOffset(2026, 5, 15, 9, 0, 0, China), null, false)],
        });
        Assert.Equal(shuffled.GetProperty("counts").ToString(), (await service.ScorecardAsync(county.T1, "2026-04")).GetProperty("counts").ToString());
        ScorecardTests.AssertCounts(await service.ScorecardAsync(county.T1, "2026-05", "own"), ("reopened", 1), ("due", 0), ("rectificationsDue", 0));
    }

    [Fact]
    public async Task A_closed_month_stays_frozen_and_late_events_show_as_an_adjustment()
    {
        var county = new TestCounty();
        await service.PublishAndWaitAsync([.. county.Changes()]);
        DateTimeOffset June(int d) => new(2026, 6, d, 9, 0, 0, China);
        await service.PublishAndWaitAsync(
            Ticket(county.B, OrganisationTier.Village, June(5), June(15), status: TicketStatus.Closed, respondedOnTime: true, resolvedAt: June(6), rating: 5),
            Site(county.B, OrganisationTier.Village, true));
        var before = await service.ScorecardAsync(county.B, "2026-06", "own");

        Assert.Equal(HttpStatusCode.Forbidden, (await service.Host.ClientAs(county.C, "org-admin").PostAsync("/api/v1/assessments/periods/2026-06/close", null)).StatusCode);
        var current = AssessmentPeriodText(service.Host.Time.GetUtcNow());
        var notOver = await Json.ReadAsync(await service.Admin.PostAsync($"/api/v1/assessments/periods/{current}/close", null), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("period-not-over", notOver.GetProperty("code").GetString());

        var closed = await Json.ReadAsync(await service.Admin.PostAsync("/api/v1/assessments/periods/2026-06/close", null), HttpStatusCode.OK);
        Assert.True(closed.GetProperty("organisations").GetInt32() >= 9);
        Assert.Equal(HttpStatusCode.Conflict, (await service.Admin.PostAsync("/api/v1/assessments/periods/2026-06/close", null)).StatusCode);
        Assert.Equal(1, await service.ScalarAsync<long>(
            "SELECT count(*) FROM outbox_messages WHERE event_name = 'assessment-published' AND payload::text LIKE '%\"2026-06\"%' AND @id IS NOT NULL", Guid.Empty));

        // The site closes and a ticket of June arrives late: the frozen figures stay, the change shows beside them.
        await service.PublishAndWaitAsync(
            Ticket(county.B, OrganisationTier.Village, June(20), June(30), status: TicketStatus.Submitted),
            Site(county.B, OrganisationTier.Village, false) with { Version = 2 });
        var after = await service.ScorecardAsync(county.B, "2026-06", "own");
        Assert.True(after.GetProperty("closed").GetBoolean());
        Assert.Equal(before.GetProperty("counts").ToString(), after.GetProperty("counts").ToString());
        Assert.Equal(before.GetProperty("score").GetDecimal(), after.GetProperty("score").GetDecimal());
        var adjustment = after.GetProperty("adjustment");
        Assert.Equal("""{"submitted":1,"due":1,"villageCovered":-1}""", adjustment.GetProperty("counts").ToString());
        Assert.Equal(0.5m, adjustment.GetProperty("indicators").GetProperty("responseRate").GetDecimal());
        Assert.NotEqual(before.GetProperty("score").GetDecimal(), adjustment.GetProperty("score").GetDecimal());

        var lateScheme = await service.Admin.SendAsync(SchemePut("2026-06", new Dictionary<string, decimal> { ["responseRate"] = 1 }, "*"));
        Assert.Equal("period-closed", (await Json.ReadAsync(lateScheme, HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString());
    }

    internal static HttpRequestMessage SchemePut(string from, Dictionary<string, decimal> weights, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/assessment-schemes/current")
        {
            Content = JsonContent.Create(new { effectiveFrom = from, weights, floors = new Dictionary<string, decimal>(), thresholds = new { doubleSatisfaction = 0.8m } }),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }

    private static string AssessmentPeriodText(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        return $"{local.Year:D4}-{local.Month:D2}";
    }
}
