using System.Data.Common;
using Npgsql;

using PartyGrid.Assessment.Scoring;

namespace PartyGrid.Assessment.Data;

/// <summary>
/// Keeps <c>subtree_counts</c> (per month) and <c>subtree_coverage</c> equal to the sums, over every
/// organisation whose projected path names an organisation, of what that descendant contributes.
/// A descendant's share goes to the labels of its own path only, so each projected row settles its own
/// share: counts spread when they change, and move when the row's path, status or site changes. An
/// organisation not projected yet contributes nothing until its row arrives, which then brings its
/// counts along.
/// </summary>
/// <remarks>
/// Counting transactions hold a shared advisory lock per organisation they count for, and a change to
/// an organisation row or its site an exclusive one, so a move never misses counts committed beside
/// it; the lock is keyed by id, so it also covers an organisation whose row does not exist yet. Rows
/// are touched in key order within each statement, and every transaction takes the advisory locks
/// first, so transactions never wait on each other in a cycle.
/// </remarks>
public static class SubtreeTotals
{
    /// <summary>Rows a subtree's month is split over; a transaction adds to one of them, chosen at random.</summary>
    public const int Shards = 8;

    private static readonly IReadOnlyList<Counter> Coverage = [.. Counters.Coverage.SelectMany(t => new[] { t.Organisations, t.Covered })];
    private static readonly string EventColumns = string.Join(", ", Counters.Events.Select(c => c.Column()));
    private static readonly string CoverageColumns = string.Join(", ", Coverage.Select(c => c.Column()));

    /// <summary>The labels of a path, one row each, as organisation ids.</summary>
    private static string Labels(string path) => $"unnest(string_to_array({path}, '.'))";

    private static string Add(string table, IEnumerable<Counter> counters) =>
        string.Join(",\n", counters.Select(c => $"{c.Column()} = {table}.{c.Column()} + EXCLUDED.{c.Column()}"));

    /// <summary>The statement <see cref="SpreadAsync"/> runs (also replayed by the bench's fair baseline).</summary>
    public static readonly string SpreadSql =
        $"""
        INSERT INTO subtree_counts (period, organisation_id, shard, {EventColumns})
        SELECT c.period, l.label::uuid, @shard, {string.Join(", ", Counters.Events.Select(e => $"sum(c.{e.Column()})"))}
        FROM unnest(@periods, @orgs, {string.Join(", ", Counters.Events.Select((_, i) => $"@e{i}"))}) AS c(period, org, {EventColumns})
        JOIN organisations o ON o.id = c.org
        CROSS JOIN LATERAL {Labels("o.path::text")} AS l(label)
        GROUP BY 1, 2
        ORDER BY 1, 2
        ON CONFLICT (period, organisation_id, shard) DO UPDATE SET
        {Add("subtree_counts", Counters.Events)}
        """;

    /// <summary>What an organisation row <c>o</c> with its site <c>s</c> adds to each coverage counter: 1 or 0.</summary>
    private static readonly string CoverageValues = string.Join(", ", Coverage.Select(c => $"{CountsSql.CoverageValue(c)} AS {c.Column()}"));

    private static readonly string StateSql =
        $"""
        SELECT o.path::text AS path, {CoverageValues}
        FROM organisations o LEFT JOIN assessed_service_sites s ON s.organisation_id = o.id
        WHERE o.id = @org
        """;

    private static readonly string MoveCountsSql =
        $"""
        WITH moved AS (
            SELECT x.label::uuid AS label, sum(x.sign)::int AS sign
            FROM (SELECT l, -1 FROM {Labels("@old")} AS l
                  UNION ALL
                  SELECT l, 1 FROM organisations o CROSS JOIN LATERAL {Labels("o.path::text")} AS l WHERE o.id = @org) AS x(label, sign)
            GROUP BY 1
            HAVING sum(x.sign) <> 0)
        INSERT INTO subtree_counts (period, organisation_id, shard, {EventColumns})
        SELECT c.period, m.label, @shard, {string.Join(", ", Counters.Events.Select(e => $"c.{e.Column()} * m.sign"))}
        FROM period_counts c CROSS JOIN moved m
        WHERE c.organisation_id = @org
        ORDER BY 1, 2
        ON CONFLICT (period, organisation_id, shard) DO UPDATE SET
        {Add("subtree_counts", Counters.Events)}
        """;

    private static readonly string MoveCoverageSql =
        $"""
        WITH shares AS (
            SELECT l AS label, {string.Join(", ", Coverage.Select((c, i) => $"-@v{i} AS {c.Column()}"))} FROM {Labels("@old")} AS l
            UNION ALL
            SELECT l, {CoverageValues}
            FROM organisations o LEFT JOIN assessed_service_sites s ON s.organisation_id = o.id
            CROSS JOIN LATERAL {Labels("o.path::text")} AS l
            WHERE o.id = @org)
        INSERT INTO subtree_coverage (organisation_id, {CoverageColumns})
        SELECT label::uuid, {string.Join(", ", Coverage.Select(c => $"sum({c.Column()})"))}
        FROM shares
        GROUP BY 1
        HAVING {string.Join(" OR ", Coverage.Select(c => $"sum({c.Column()}) <> 0"))}
        ORDER BY 1
        ON CONFLICT (organisation_id) DO UPDATE SET
        {Add("subtree_coverage", Coverage)}
        """;

    /// <summary>Both tables as they should stand, summed over the tree: for bulk loads that write the projections directly.</summary>
    public static readonly string FromScratch =
        $"""
        TRUNCATE subtree_counts, subtree_coverage;
        INSERT INTO subtree_counts (period, organisation_id, shard, {EventColumns})
        SELECT c.period, l::uuid, 0, {string.Join(", ", Counters.Events.Select(e => $"sum(c.{e.Column()})"))}
        FROM period_counts c JOIN organisations o ON o.id = c.organisation_id
        CROSS JOIN LATERAL {Labels("o.path::text")} AS l
        GROUP BY 1, 2;
        INSERT INTO subtree_coverage (organisation_id, {CoverageColumns})
        SELECT l::uuid, {string.Join(", ", Coverage.Select(c => $"sum({CountsSql.CoverageValue(c)})"))}
        FROM organisations o LEFT JOIN assessed_service_sites s ON s.organisation_id = o.id
        CROSS JOIN LATERAL {Labels("o.path::text")} AS l
        GROUP BY 1;
        """;

    /// <summary>An organisation's state before its row or site changes: its path and coverage shares.</summary>
    public sealed record State(string Path, int[] Coverage);

    /// <summary>Adds month count changes to every organisation above (and including) the one they belong to.</summary>
    public static async Task SpreadAsync(DbContext db, IReadOnlyList<(AssessmentPeriod Period, Guid Organisation, Counts Counts)> changes, CancellationToken cancellationToken)
    {
        if (changes.Count == 0)
        {
            return;
        }

        var parameters = new List<object>
        {
            new NpgsqlParameter("periods", changes.Select(c => c.Period.ToString()).ToArray()),
            new NpgsqlParameter("orgs", changes.Select(c => c.Organisation).ToArray()),
            AnyShard(),
        };
        parameters.AddRange(Counters.Events.Select((e, i) => new NpgsqlParameter($"e{i}", changes.Select(c => checked((int)c.Counts[e])).ToArray())));
        await db.Database.ExecuteSqlRawAsync(SpreadSql, parameters, cancellationToken);
    }

    /// <summary>Takes the counting side of the organisations' locks; call before touching their counts.</summary>
    public static Task LockForCountingAsync(DbContext db, IEnumerable<Guid> organisations, CancellationToken cancellationToken)
    {
        var keys = organisations.Select(AdvisoryKey.Of).Distinct().Order().ToArray();
        return db.Database.ExecuteSqlRawAsync(
            "SELECT count(pg_advisory_xact_lock_shared(k)) FROM unnest(@keys) AS k", [new NpgsqlParameter("keys", keys)], cancellationToken);
    }

    /// <summary>Locks the organisation against counting and reads its state; call before its row or site changes.</summary>
    public static async Task<State> BeforeChangeAsync(DbContext db, Guid organisation, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(@key)", [new NpgsqlParameter("key", AdvisoryKey.Of(organisation))], cancellationToken);
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = StateSql;
        command.Parameters.Add(new NpgsqlParameter("org", organisation));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new State(reader.GetString(reader.GetOrdinal("path")), ReadCoverage(reader)) : new State(string.Empty, new int[Coverage.Count]);
    }

    /// <summary>Moves the organisation's shares from where <paramref name="before"/> had them to where its row and site put them now.</summary>
    public static async Task AfterChangeAsync(DbContext db, Guid organisation, State before, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlRawAsync(
            MoveCountsSql, [new NpgsqlParameter("org", organisation), new NpgsqlParameter("old", before.Path), AnyShard()], cancellationToken);
        await db.Database.ExecuteSqlRawAsync(
            MoveCoverageSql,
            [new NpgsqlParameter("org", organisation), new NpgsqlParameter("old", before.Path), .. before.Coverage.Select((v, i) => new NpgsqlParameter($"v{i}", v))],
            cancellationToken);
    }

    private static NpgsqlParameter AnyShard() => new("shard", (short)Random.Shared.Next(Shards));

    private static int[] ReadCoverage(DbDataReader reader) => [.. Coverage.Select(c => reader.GetInt32(reader.GetOrdinal(c.Column())))];
}
