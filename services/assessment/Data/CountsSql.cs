using System.Globalization;
using Npgsql;

using PartyGrid.Assessment.Scoring;

namespace PartyGrid.Assessment.Data;

/// <summary>
/// The SQL over the counts tables, written out once from <see cref="Counter"/>. Live subtree totals
/// are read from the tables <see cref="SubtreeTotals"/> keeps; a closed month's are summed from its
/// frozen rows over the projected tree when asked for.
/// </summary>
public static class CountsSql
{
    private static readonly string Columns = string.Join(", ", Counters.All.Select(c => c.Column()));

    public static readonly string Upsert =
        $"""
        INSERT INTO period_counts (period, organisation_id, {Columns})
        SELECT * FROM unnest(@periods, @orgs, {string.Join(", ", Counters.All.Select((_, i) => $"@c{i}"))})
        ORDER BY 1, 2
        ON CONFLICT (period, organisation_id) DO UPDATE SET
        {string.Join(",\n", Counters.All.Select(c => $"{c.Column()} = period_counts.{c.Column()} + EXCLUDED.{c.Column()}"))}
        """;

    /// <summary>Every active organisation's row of the month, with coverage as it stands at closing.</summary>
    public static readonly string Freeze =
        $"""
        INSERT INTO frozen_counts (period, organisation_id, {Columns})
        SELECT @period, o.id, {string.Join(", ", Counters.All.Select(FrozenValue))}
        FROM organisations o
        LEFT JOIN period_counts c ON c.period = @period AND c.organisation_id = o.id
        LEFT JOIN assessed_service_sites s ON s.organisation_id = o.id
        WHERE o.status = 'active' OR c.organisation_id IS NOT NULL
        """;

    /// <summary>Parameters of <see cref="Upsert"/>: one row per (month, organisation), each key at most once.</summary>
    public static object[] UpsertParameters(IReadOnlyList<(AssessmentPeriod Period, Guid Organisation, Counts Counts)> changes) =>
    [
        new NpgsqlParameter("periods", changes.Select(c => c.Period.ToString()).ToArray()),
        new NpgsqlParameter("orgs", changes.Select(c => c.Organisation).ToArray()),
        .. Counters.All.Select((counter, i) => new NpgsqlParameter($"c{i}", changes.Select(c => checked((int)c.Counts[counter])).ToArray())),
    ];

    /// <summary>
    /// One row per target organisation: <c>id</c>, <c>name</c>, then every counter under its column's
    /// name. Live totals take coverage from the projected tree and sites now; frozen ones as stored.
    /// </summary>
    public static string Totals(bool frozen, AssessmentScope scope, TotalsTarget target)
    {
        var within = scope == AssessmentScope.Subtree ? "d.path <@ g.path" : "d.id = g.id";
        var where = target switch
        {
            TotalsTarget.One => "g.id = @org",
            TotalsTarget.ChildrenOf => "g.parent_id = @org",
            _ => "g.parent_id IS NULL",
        };
        if (frozen)
        {
            return $"""
                SELECT g.id, g.name, {string.Join(", ", Counters.All.Select(c => $"coalesce(sum(c.{c.Column()}), 0) AS {c.Column()}"))}
                FROM organisations g
                JOIN organisations d ON {within}
                JOIN frozen_counts c ON c.period = @period AND c.organisation_id = d.id
                WHERE {where} AND EXISTS (SELECT 1 FROM frozen_counts f WHERE f.period = @period AND f.organisation_id = g.id)
                GROUP BY g.id, g.name
                """;
        }

        var active = target == TotalsTarget.One ? string.Empty : " AND g.status = 'active'";
        if (scope == AssessmentScope.Subtree)
        {
            return $"""
                SELECT g.id, g.name, {string.Join(", ", Counters.All.Select(c => CoverageOf(c) is null ? $"coalesce(sum(c.{c.Column()}), 0) AS {c.Column()}" : $"coalesce(max(v.{c.Column()}), 0) AS {c.Column()}"))}
                FROM organisations g
                LEFT JOIN subtree_counts c ON c.period = @period AND c.organisation_id = g.id
                LEFT JOIN subtree_coverage v ON v.organisation_id = g.id
                WHERE {where}{active}
                GROUP BY g.id, g.name
                """;
        }

        return $"""
            SELECT g.id, g.name, {string.Join(", ", Counters.All.Select(LiveTotal))}
            FROM organisations g
            JOIN organisations d ON {within}
            LEFT JOIN period_counts c ON c.period = @period AND c.organisation_id = d.id
            LEFT JOIN assessed_service_sites s ON s.organisation_id = d.id
            WHERE {where}{active}
            GROUP BY g.id, g.name
            """;
    }

    private static string LiveTotal(Counter counter) => CoverageOf(counter, organisation: "d", site: "s") is { } coverage
        ? $"count(*) FILTER (WHERE {coverage}) AS {counter.Column()}"
        : $"coalesce(sum(c.{counter.Column()}), 0) AS {counter.Column()}";

    private static string FrozenValue(Counter counter) => CoverageOf(counter) is not null
        ? CoverageValue(counter)
        : $"coalesce(c.{counter.Column()}, 0)";

    /// <summary>What an organisation <c>o</c> with its site <c>s</c> adds to a coverage counter: 1 or 0.</summary>
    public static string CoverageValue(Counter counter) =>
        $"CASE WHEN {CoverageOf(counter) ?? throw new ArgumentException($"{counter} is not a coverage counter.", nameof(counter))} THEN 1 ELSE 0 END";

    /// <summary>The condition under which an organisation (alias <paramref name="organisation"/>, its site <paramref name="site"/>) counts for a coverage counter; null for the others.</summary>
    private static string? CoverageOf(Counter counter, string organisation = "o", string site = "s")
    {
        foreach (var (tier, organisations, covered) in Counters.Coverage)
        {
            var condition = string.Create(CultureInfo.InvariantCulture, $"{organisation}.status = 'active' AND {organisation}.tier = '{WireName.Of(tier)}'");
            if (counter == organisations)
            {
                return condition;
            }

            if (counter == covered)
            {
                return $"{condition} AND coalesce({site}.open, false)";
            }
        }

        return null;
    }
}
