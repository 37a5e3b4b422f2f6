using System.Net;
using PartyGrid.Contracts;
using PartyGrid.Testing;
using static PartyGrid.Assessment.Tests.Snapshots;
using static PartyGrid.Testing.TicketSnapshots;

namespace PartyGrid.Assessment.Tests;

/// <summary>
/// Saving the scheme in force changes every later month's score, so these tests run on a service of
/// their own (<see cref="IsolatedAssessmentService"/>): the shared one keeps the default scheme.
/// </summary>
public sealed class SchemeTests(IsolatedAssessmentService service) : IClassFixture<IsolatedAssessmentService>
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public async Task A_saved_scheme_scores_the_months_from_its_start_and_bad_schemes_are_refused()
    {
        var county = new TestCounty();
        await service.PublishAndWaitAsync([.. county.Changes()]);
        var weights = new Dictionary<string, decimal> { ["responseRate"] = 1 };
        Assert.Equal(HttpStatusCode.Forbidden, (await service.Host.ClientAs(county.C, "org-admin").SendAsync(PeriodTests.SchemePut("2031-01", weights, "*"))).StatusCode);
        foreach (var (bad, field) in new[]
        {
            (new Dictionary<string, decimal> { ["responseRate"] = 0.5m }, "weights"),
            (new Dictionary<string, decimal> { ["speed"] = 1 }, "weights.speed"),
            (new Dictionary<string, decimal> { ["responseRate"] = 2, ["reopenRate"] = -1 }, "weights.responseRate"),
        })
        {
            var refused = await Json.ReadAsync(await service.Admin.SendAsync(PeriodTests.SchemePut("2031-01", bad, "*")), HttpStatusCode.BadRequest);
            Assert.True(refused.GetProperty("errors").TryGetProperty(field, out _), refused.ToString());
        }

        var current = await service.Admin.GetAsync("/api/v1/assessment-schemes/current");
        var version = (await Json.ReadAsync(current, HttpStatusCode.OK)).GetProperty("version").GetInt32();
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await service.Admin.SendAsync(PeriodTests.SchemePut("2031-01", weights, null))).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await service.Admin.SendAsync(PeriodTests.SchemePut("2031-01", weights, $"\"{version + 5}\""))).StatusCode);
        var saved = await Json.ReadAsync(await service.Admin.SendAsync(PeriodTests.SchemePut("2031-01", weights, $"\"{version}\"")), HttpStatusCode.OK);
        Assert.Equal(version + 1, saved.GetProperty("version").GetInt32());
        Assert.Equal(version + 1, (await Json.ReadAsync(await service.Admin.GetAsync("/api/v1/assessment-schemes/current"), HttpStatusCode.OK)).GetProperty("version").GetInt32());

        // One ticket answered in time each month, not yet resolved though due, at a village without a site:
        // the default scheme gives (.20×1 + .25×0 + .05×0)/.50 = 40; from 2031-01 response alone counts.
        await service.PublishAndWaitAsync(
            Ticket(county.A, OrganisationTier.Village, new DateTimeOffset(2030, 12, 5, 9, 0, 0, China), new DateTimeOffset(2030, 12, 20, 9, 0, 0, China), respondedOnTime: true),
            Ticket(county.A, OrganisationTier.Village, new DateTimeOffset(2031, 1, 5, 9, 0, 0, China), new DateTimeOffset(2031, 1, 20, 9, 0, 0, China), respondedOnTime: true));
        var december = await service.ScorecardAsync(county.A, "2030-12", "own");
        var january = await service.ScorecardAsync(county.A, "2031-01", "own");
        Assert.Equal(40m, december.GetProperty("score").GetDecimal());
        Assert.Equal(100m, january.GetProperty("score").GetDecimal());
        Assert.Equal(version + 1, january.GetProperty("schemeVersion").GetInt32());
    }
}
