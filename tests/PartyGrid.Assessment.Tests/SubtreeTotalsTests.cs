using System.Net;
using Npgsql;
using PartyGrid.Assessment.Data;
using PartyGrid.Assessment.Scoring;
using PartyGrid.Contracts;
using PartyGrid.Testing;
using static PartyGrid.Assessment.Tests.Snapshots;
using static PartyGrid.Testing.TicketSnapshots;

namespace PartyGrid.Assessment.Tests;

/// <summary>
/// The subtree totals assessment keeps beside the month counts stay equal to summing the counts over
/// the projected tree, whatever order tickets, moves, late organisations and site changes arrive in.
/// </summary>
[Collection(AssessmentServiceCollection.Name)]
public sealed class SubtreeTotalsTests(AssessmentService service)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public async Task Moves_late_organisations_dissolutions_and_site_changes_keep_the_subtree_totals_equal_to_the_sums_over_the_tree()
    {
        var county = new TestCounty();
        var tree = county.Changes().ToDictionary(c => c.Id);
        DateTimeOffset March(int d) => new(2026, 3, d, 9, 0, 0, China);
        var late = Guid.CreateVersion7();
        var lateVillage = new OrganisationChanged(
            late, county.T2, $"{tree[county.T2].Path}.{late:N}", "late", "后到村", OrganisationTier.Village, Area.Rural,
            OrganisationKind.Committee, OrganisationStatus.Active, 1);

        // Tickets at the late village arrive before the village itself does.
        await service.PublishAndWaitAsync(
            [.. tree.Values, .. Enumerable.Range(0, 3).Select(_ => Ticket(late, OrganisationTier.Village, March(2), March(20)))]);
        await service.PublishAndWaitAsync(
            Site(county.A, OrganisationTier.Village, true),
            Site(county.D, OrganisationTier.Village, true),
            Ticket(county.B, OrganisationTier.Village, March(3), March(20), status: TicketStatus.Closed, resolvedAt: March(5), rating: 4),
            lateVillage);

        // Village A (with group G under it) moves from T1 to T2 while tickets at both keep coming, B is dissolved
        // and D's site closes: every event of the burst is consumed in parallel.
        var movedA = tree[county.A] with { ParentId = county.T2, Path = $"{tree[county.T2].Path}.{county.A:N}", Version = 2 };
        var movedG = tree[county.G] with { Path = $"{movedA.Path}.{county.G:N}", Version = 2 };
        await service.PublishAndWaitAsync(
            [
                .. Enumerable.Range(0, 20).Select(i => Ticket(i % 2 == 0 ? county.A : county.G, i % 2 == 0 ? OrganisationTier.Village : OrganisationTier.Group, March(4), March(24))),
                movedG,
                movedA,
                tree[county.B] with { Status = OrganisationStatus.Dissolved, Version = 2 },
                Site(county.D, OrganisationTier.Village, false) with { Version = 2 },
                .. Enumerable.Range(0, 10).Select(_ => Ticket(county.G, OrganisationTier.Group, March(6), March(24))),
            ]);

        var t1 = await service.ScorecardAsync(county.T1, "2026-03");
        var t2 = await service.ScorecardAsync(county.T2, "2026-03");
        var c = await service.ScorecardAsync(county.C, "2026-03");
        ScorecardTests.AssertCounts(t1, ("submitted", 1), ("resolved", 1), ("ratingSum", 4), ("villageOrganisations", 0), ("villageCovered", 0));
        ScorecardTests.AssertCounts(t2, ("submitted", 33), ("villageOrganisations", 3), ("villageCovered", 1), ("groupOrganisations", 1));
        ScorecardTests.AssertCounts(c, ("submitted", 34), ("countyOrganisations", 1), ("villageOrganisations", 4), ("villageCovered", 1));

        var league = await Json.ReadAsync(await service.Admin.GetAsync($"/api/v1/assessments/{county.C}/league?period=2026-03"), HttpStatusCode.OK);
        Assert.Equal(3, league.GetProperty("items").GetArrayLength());
        Assert.Equal(0, await DifferencesAsync());
    }

    /// <summary>Rows where the kept totals and the sums over the tree (by path, as assessment once computed them on every read) disagree.</summary>
    private async Task<long> DifferencesAsync()
    {
        var events = Counters.Events.Select(e => e.Column()).ToArray();
        var coverage = Counters.All.Except(Counters.Events).Select(e => e.Column()).ToArray();
        static string NonZero(IEnumerable<string> columns) => string.Join(" OR ", columns.Select(c => $"{c} <> 0"));
        var sql =
            $"""
            WITH summed AS (
                SELECT c.period, g.id AS organisation_id, {string.Join(", ", events.Select(e => $"sum(c.{e})::int AS {e}"))}
                FROM organisations g JOIN organisations d ON d.path <@ g.path JOIN period_counts c ON c.organisation_id = d.id
                GROUP BY 1, 2),
            kept AS (SELECT period, organisation_id, {string.Join(", ", events.Select(e => $"sum({e})::int AS {e}"))} FROM subtree_counts GROUP BY 1, 2),
            covered AS (
                SELECT g.id AS organisation_id,
                       {string.Join(", ", coverage.Select(v => $"count(*) FILTER (WHERE d.status = 'active' AND d.tier = '{v.Split('_')[0]}'{(v.EndsWith("covered", StringComparison.Ordinal) ? " AND coalesce(s.open, false)" : string.Empty)})::int AS {v}"))}
                FROM organisations g JOIN organisations d ON d.path <@ g.path LEFT JOIN assessed_service_sites s ON s.organisation_id = d.id
                GROUP BY 1),
            kept_coverage AS (SELECT organisation_id, {string.Join(", ", coverage)} FROM subtree_coverage)
            SELECT (SELECT count(*) FROM ((SELECT * FROM summed WHERE {NonZero(events)} EXCEPT SELECT * FROM kept WHERE {NonZero(events)})
                                        UNION ALL (SELECT * FROM kept WHERE {NonZero(events)} EXCEPT SELECT * FROM summed WHERE {NonZero(events)})) AS x)
                 + (SELECT count(*) FROM ((SELECT * FROM covered WHERE {NonZero(coverage)} EXCEPT SELECT * FROM kept_coverage WHERE {NonZero(coverage)})
                                        UNION ALL (SELECT * FROM kept_coverage WHERE {NonZero(coverage)} EXCEPT SELECT * FROM covered WHERE {NonZero(coverage)})) AS y)
            """;
        await using var connection = new NpgsqlConnection(service.Host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
