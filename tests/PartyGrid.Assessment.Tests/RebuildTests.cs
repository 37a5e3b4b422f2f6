using System.Net;
using System.Net.Http.Json;
using PartyGrid.Contracts;
using PartyGrid.Testing;
using static PartyGrid.Assessment.Tests.Snapshots;
using static PartyGrid.Testing.TicketSnapshots;

namespace PartyGrid.Assessment.Tests;

[Collection(AssessmentServiceCollection.Name)]
public sealed class RebuildTests(AssessmentService service)
{
    [Fact]
    public async Task A_rebuild_drops_the_projections_keeps_the_surveys_asks_for_snapshots_and_ends_with_the_same_scorecards()
    {
        var county = new TestCounty();
        await service.PublishAndWaitAsync([.. county.Changes()]);
        DateTimeOffset February(int d) => new(2026, 2, d, 9, 0, 0, TimeSpan.FromHours(8));
        object[] snapshots =
        [
            Ticket(county.A, OrganisationTier.Village, February(2), February(12), status: TicketStatus.Closed, respondedOnTime: true, resolvedAt: February(5), rating: 4),
            Ticket(county.G, OrganisationTier.Group, February(3), February(20), current: county.T1, currentTier: OrganisationTier.Township,
                status: TicketStatus.Resolved, resolvedAt: February(25), escalations: 1),
            Ticket(county.B, OrganisationTier.Village, February(9), February(19), status: TicketStatus.Accepted, respondedOnTime: true),
            Site(county.A, OrganisationTier.Village, true),
            Site(county.T1, OrganisationTier.Township, true),
            Pairing(county.U, county.B, (new DateOnly(2026, 2, 10), true)),
        ];
        await service.PublishAndWaitAsync(snapshots);
        await Json.ReadAsync(await service.AnswerAsync(county.A, "member", 5), HttpStatusCode.Created);
        var current = (await service.ScorecardAsync(county.A, null, "own")).GetProperty("period").GetString()!;
        var before = new[]
        {
            (await service.ScorecardAsync(county.T1, "2026-02")).ToString(),
            (await service.ScorecardAsync(county.A, "2026-02", "own")).ToString(),
            (await service.ScorecardAsync(county.A, current, "own")).ToString(),
            (await service.Admin.GetStringAsync($"/api/v1/assessments/{county.T1}/league?period=2026-02")),
        };

        Assert.Equal(HttpStatusCode.Forbidden, (await service.Host.ClientAs(county.C, "org-admin").PostAsync("/api/v1/assessments/rebuild", null)).StatusCode);
        var accepted = await Json.ReadAsync(await service.Admin.PostAsync("/api/v1/assessments/rebuild", null), HttpStatusCode.Accepted);
        Assert.True(accepted.GetProperty("surveyAnswersRecounted").GetInt32() >= 1);
        Assert.Equal(1, await service.ScalarAsync<long>(
            "SELECT count(*) FROM outbox_messages WHERE event_name = 'snapshots-requested' AND payload::text LIKE '%' || @id::text || '%'",
            accepted.GetProperty("requestId").GetGuid()));
        Assert.Equal(0, await service.ScalarAsync<long>("SELECT count(*) FROM assessed_tickets WHERE @id IS NOT NULL", Guid.Empty));
        Assert.Equal(HttpStatusCode.NotFound, (await service.Admin.GetAsync($"/api/v1/assessments/{county.A}")).StatusCode);

        // What the other services do on SnapshotsRequested: their organisations, sites, tickets and pairings again, in any order.
        await service.PublishAndWaitAsync([.. snapshots.Reverse(), .. county.Changes().Reverse(), snapshots[0]]);
        var after = new[]
        {
            (await service.ScorecardAsync(county.T1, "2026-02")).ToString(),
            (await service.ScorecardAsync(county.A, "2026-02", "own")).ToString(),
            (await service.ScorecardAsync(county.A, current, "own")).ToString(),
            (await service.Admin.GetStringAsync($"/api/v1/assessments/{county.T1}/league?period=2026-02")),
        };
        Assert.Equal(before, after);
        ScorecardTests.AssertCounts(System.Text.Json.JsonDocument.Parse(after[0]).RootElement, ("submitted", 3), ("resolved", 2), ("commitmentsDue", 1));
    }
}
