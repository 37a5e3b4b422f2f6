namespace PartyGrid.Assessment.Scoring;

/// <summary>
/// Moves the counts from what an aggregate contributed before to what it contributes now, in the
/// caller's transaction, in each organisation's own month row and in the subtree totals above it: one
/// statement each, however many aggregates changed. Rows are touched in (period, organisation) order
/// so concurrent consumers never wait on each other in a cycle. The own month rows come last: every event of a village in a month updates the same
/// row, so its lock should be held from the update to the commit and no longer (the subtree totals
/// are spread over shards and wait less). Callers save their other changes before, for the same reason.
/// </summary>
public static class CountsLedger
{
    public static async Task ApplyAsync(DbContext db, IEnumerable<Contribution> withdrawn, IEnumerable<Contribution> added, CancellationToken cancellationToken)
    {
        var changes = new SortedDictionary<(AssessmentPeriod Period, Guid Organisation), Counts>();
        Accumulate(changes, withdrawn, -1);
        Accumulate(changes, added, 1);
        var nonZero = changes.Where(c => !c.Value.IsZero).Select(c => (c.Key.Period, c.Key.Organisation, c.Value)).ToList();
        if (nonZero.Count == 0)
        {
            return;
        }

        await SubtreeTotals.LockForCountingAsync(db, nonZero.Select(c => c.Organisation), cancellationToken);
        await SubtreeTotals.SpreadAsync(db, nonZero, cancellationToken);
        await db.Database.ExecuteSqlRawAsync(CountsSql.Upsert, CountsSql.UpsertParameters(nonZero), cancellationToken);
    }

    private static void Accumulate(SortedDictionary<(AssessmentPeriod, Guid), Counts> changes, IEnumerable<Contribution> contributions, int sign)
    {
        foreach (var c in contributions)
        {
            var key = (c.Period, c.OrganisationId);
            if (!changes.TryGetValue(key, out var counts))
            {
                changes[key] = counts = new Counts();
            }

            counts[c.Counter] += sign * c.Amount;
        }
    }
}
