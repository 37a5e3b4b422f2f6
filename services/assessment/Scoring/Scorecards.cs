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

/// <summary>One month of a trend: its score, indicators and 双满意, and whether it is closed (frozen figures).</summary>
public sealed record TrendPoint(string Period, bool Closed, decimal? Score, IReadOnlyDictionary<string, decimal?> Indicators, bool DoubleSatisfaction);

/// <summary>
/// Scorecards and league tables of a month, quarter or year: each month from the running counts while
/// it is open, from the frozen counts once it is closed (with the running counts shown beside them as an
/// adjustment); a quarter or year is the sum of its months.
/// </summary>
public sealed class Scorecards(AssessmentDbContext db, SchemeBook schemes)
{
    public async Task<Scorecard> ForAsync(ProjectedOrganisation organisation, AssessmentSpan span, AssessmentScope scope, CancellationToken cancellationToken)
    {
        var closedMonths = await ClosedMonthsAsync(span, cancellationToken);
        var closed = span.Months.All(closedMonths.Contains);
        var scheme = await schemes.InForceAsync(span.Last, cancellationToken);
        var counts = (await TotalsAsync(span, closedMonths, scope, TotalsTarget.One, organisation.Id, cancellationToken)).SingleOrDefault().Counts ?? new Counts();
        var figures = Figures(counts, scheme);
        ScorecardFigures? adjustment = null;
        if (closed)
        {
            var live = (await TotalsAsync(span, new HashSet<AssessmentPeriod>(), scope, TotalsTarget.One, organisation.Id, cancellationToken)).Single().Counts;
            var change = live.Minus(counts);
            adjustment = change.IsZero ? null : Figures(live, scheme) with { Counts = change.ToDictionary(nonZeroOnly: true) };
        }

        var siblings = await RankAsync(span, closedMonths, scope, organisation.ParentId, scheme, cancellationToken);
        var mine = siblings.FirstOrDefault(e => e.OrgId == organisation.Id);
        return new Scorecard(
            organisation.Id, organisation.Name, span.Label, Wire(scope), closed, scheme.Version,
            figures.Indicators, figures.Counts, figures.Score, mine?.Rank, siblings.Count(e => e.Rank is not null), mine?.List,
            figures.DoubleSatisfaction, adjustment);
    }

    /// <summary>The children of <paramref name="organisation"/> ranked; with none, the top organisations.</summary>
    public async Task<League> LeagueAsync(ProjectedOrganisation? organisation, AssessmentSpan span, AssessmentScope scope, CancellationToken cancellationToken)
    {
        var closedMonths = await ClosedMonthsAsync(span, cancellationToken);
        var scheme = await schemes.InForceAsync(span.Last, cancellationToken);
        var items = await RankAsync(span, closedMonths, scope, organisation?.Id, scheme, cancellationToken);
        return new League(organisation?.Id, span.Label, Wire(scope), span.Months.All(closedMonths.Contains), scheme.Version, items);
    }

    /// <summary>One point per month from <paramref name="from"/> to <paramref name="to"/>: its score and indicators, for charts.</summary>
    public async Task<IReadOnlyList<TrendPoint>> TrendAsync(
        ProjectedOrganisation organisation, AssessmentSpan months, AssessmentScope scope, CancellationToken cancellationToken)
    {
        var closedMonths = await ClosedMonthsAsync(months, cancellationToken);
        var points = new List<TrendPoint>();
        foreach (var month in months.Months)
        {
            var scheme = await schemes.InForceAsync(month, cancellationToken);
            var rows = await MonthTotalsAsync(closedMonths.Contains(month), scope, TotalsTarget.One, organisation.Id, month, cancellationToken);
            var figures = Figures(rows.SingleOrDefault().Counts ?? new Counts(), scheme);
            points.Add(new TrendPoint(month.ToString(), closedMonths.Contains(month), figures.Score, figures.Indicators, figures.DoubleSatisfaction));
        }

        return points;
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

    private async Task<HashSet<AssessmentPeriod>> ClosedMonthsAsync(AssessmentSpan span, CancellationToken cancellationToken)
    {
        var texts = span.Months.Select(m => m.ToString()).ToList();
        var closed = await db.ClosedPeriods.Where(p => texts.Contains(p.Period)).Select(p => p.Period).ToListAsync(cancellationToken);
        return [.. span.Months.Where(m => closed.Contains(m.ToString()))];
    }

    private async Task<IReadOnlyList<LeagueEntry>> RankAsync(
        AssessmentSpan span, IReadOnlySet<AssessmentPeriod> frozen, AssessmentScope scope, Guid? parentId, AssessmentScheme scheme, CancellationToken cancellationToken)
    {
        var rows = await TotalsAsync(span, frozen, scope, parentId is null ? TotalsTarget.Roots : TotalsTarget.ChildrenOf, parentId, cancellationToken);
        return LeagueTable.Rank(rows.Select(r => (r.Id, r.Name, scheme.Score(Indicators.From(r.Counts)))));
    }

    /// <summary>
    /// The totals of a span: each month's events added up (a frozen month from its frozen rows), and
    /// coverage — a state, not events — as the last month has it.
    /// </summary>
    private async Task<List<(Guid Id, string Name, Counts Counts)>> TotalsAsync(
        AssessmentSpan span, IReadOnlySet<AssessmentPeriod> frozen, AssessmentScope scope, TotalsTarget target, Guid? organisationId,
        CancellationToken cancellationToken)
    {
        var totals = new Dictionary<Guid, (Guid Id, string Name, Counts Counts)>();
        foreach (var month in span.Months)
        {
            foreach (var (id, name, counts) in await MonthTotalsAsync(frozen.Contains(month), scope, target, organisationId, month, cancellationToken))
            {
                if (!totals.TryGetValue(id, out var sum))
                {
                    totals[id] = sum = (id, name, new Counts());
                }

                sum.Counts.Roll(counts);
            }
        }

        return [.. totals.Values];
    }

    private async Task<List<(Guid Id, string Name, Counts Counts)>> MonthTotalsAsync(
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
