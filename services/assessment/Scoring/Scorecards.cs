using System.Data.Common;
using Npgsql;
using PartyGrid.ServiceDefaults.Projections;

namespace PartyGrid.Assessment.Scoring;

public sealed record ScorecardFigures(
    IReadOnlyDictionary<string, decimal?> Indicators,
    IReadOnlyDictionary<string, long> Counts,
    decimal? Score,
    bool DoubleSatisfaction);

/// <param name="Adjustment">For a closed month: what later events changed (counts that differ, and the figures they give); null when nothing did.</param>
public sealed record Scorecard(
    Guid OrgId,
    string Name,
    string Period,
    string Scope,
    bool Closed,
    int SchemeVersion,
    IReadOnlyDictionary<string, decimal?> Indicators,
    IReadOnlyDictionary<string, long> Counts,
    decimal? Score,
    int? Rank,
    int RankedAmong,
    string? List,
    bool DoubleSatisfaction,
    ScorecardFigures? Adjustment);

public sealed record League(Guid? OrgId, string Period, string Scope, bool Closed, int SchemeVersion, IReadOnlyList<LeagueEntry> Items);

/// <summary>
/// Scorecards and league tables of a month: from the running counts while the month is open, from the
/// frozen counts once it is closed (with the running counts shown beside them as an adjustment).
/// </summary>
public sealed class Scorecards(AssessmentDbContext db, SchemeBook schemes)
{
    public async Task<Scorecard> ForAsync(ProjectedOrganisation organisation, AssessmentPeriod period, AssessmentScope scope, CancellationToken cancellationToken)
    {
        var closed = await IsClosedAsync(period, cancellationToken);
        var scheme = await schemes.InForceAsync(period, cancellationToken);
        var counts = (await TotalsAsync(closed, scope, TotalsTarget.One, organisation.Id, period, cancellationToken)).SingleOrDefault().Counts ?? new Counts();
        var figures = Figures(counts, scheme);
        ScorecardFigures? adjustment = null;
        if (closed)
        {
            var live = (await TotalsAsync(false, scope, TotalsTarget.One, organisation.Id, period, cancellationToken)).Single().Counts;
            var change = live.Minus(counts);
            adjustment = change.IsZero ? null : Figures(live, scheme) with { Counts = change.ToDictionary(nonZeroOnly: true) };
        }

        var siblings = await RankAsync(closed, scope, organisation.ParentId, period, scheme, cancellationToken);
        var mine = siblings.FirstOrDefault(e => e.OrgId == organisation.Id);
        return new Scorecard(
            organisation.Id, organisation.Name, period.ToString(), Wire(scope), closed, scheme.Version,
            figures.Indicators, figures.Counts, figures.Score, mine?.Rank, siblings.Count(e => e.Rank is not null), mine?.List,
            figures.DoubleSatisfaction, adjustment);
    }

    /// <summary>The children of <paramref name="organisation"/> ranked; with none, the top organisations.</summary>
    public async Task<League> LeagueAsync(ProjectedOrganisation? organisation, AssessmentPeriod period, AssessmentScope scope, CancellationToken cancellationToken)
    {
        var closed = await IsClosedAsync(period, cancellationToken);
        var scheme = await schemes.InForceAsync(period, cancellationToken);
        var items = await RankAsync(closed, scope, organisation?.Id, period, scheme, cancellationToken);
        return new League(organisation?.Id, period.ToString(), Wire(scope), closed, scheme.Version, items);
    }

    public static ScorecardFigures Figures(Counts counts, AssessmentScheme scheme)
    {
        var indicators = Indicators.From(counts);
        return new ScorecardFigures(
            indicators.ToDictionary(i => i.Key.JsonName(), i => i.Value),
            counts.ToDictionary(),
            scheme.Score(indicators),
            scheme.DoubleSatisfaction(indicators));
    }

    private static string Wire(AssessmentScope scope) => scope == AssessmentScope.Own ? "own" : "subtree";

    private Task<bool> IsClosedAsync(AssessmentPeriod period, CancellationToken cancellationToken)
    {
        var text = period.ToString();
        return db.ClosedPeriods.AnyAsync(p => p.Period == text, cancellationToken);
    }

    private async Task<IReadOnlyList<LeagueEntry>> RankAsync(
        bool closed, AssessmentScope scope, Guid? parentId, AssessmentPeriod period, AssessmentScheme scheme, CancellationToken cancellationToken)
    {
        var rows = await TotalsAsync(closed, scope, parentId is null ? TotalsTarget.Roots : TotalsTarget.ChildrenOf, parentId, period, cancellationToken);
        return LeagueTable.Rank(rows.Select(r => (r.Id, r.Name, scheme.Score(Indicators.From(r.Counts)))));
    }

    private async Task<List<(Guid Id, string Name, Counts Counts)>> TotalsAsync(
        bool frozen, AssessmentScope scope, TotalsTarget target, Guid? organisationId, AssessmentPeriod period, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = CountsSql.Totals(frozen, scope, target);
            command.Parameters.Add(new NpgsqlParameter("period", period.ToString()));
            command.Parameters.Add(new NpgsqlParameter("org", organisationId ?? Guid.Empty));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<(Guid, string, Counts)>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetGuid(reader.GetOrdinal("id")), reader.GetString(reader.GetOrdinal("name")), Read(reader)));
            }

            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static Counts Read(DbDataReader reader)
    {
        var counts = new Counts();
        foreach (var counter in Counters.All)
        {
            counts[counter] = Convert.ToInt64(reader.GetValue(reader.GetOrdinal(counter.Column())), System.Globalization.CultureInfo.InvariantCulture);
        }

        return counts;
    }
}
