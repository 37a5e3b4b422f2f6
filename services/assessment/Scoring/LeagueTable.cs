namespace PartyGrid.Assessment.Scoring;

public sealed record LeagueEntry(Guid OrgId, string Name, decimal? Score, int? Rank, string? List);

/// <summary>
/// Siblings ranked by score (equal scores share a rank), the top five on the red list (红榜) and the
/// bottom five on the black list (黑榜). Equal scores share a list too, so a tie at the edge of a list
/// lengthens it rather than splitting equals. With fewer than ten scored, each list takes half; a tie
/// reaching into both lists is on the red one only, so no organisation is on both. Organisations with
/// nothing to score come last, unranked.
/// </summary>
public static class LeagueTable
{
    public const int ListLength = 5;

    public static IReadOnlyList<LeagueEntry> Rank(IEnumerable<(Guid Id, string Name, decimal? Score)> organisations)
    {
        var ordered = organisations
            .OrderBy(o => o.Score is null).ThenByDescending(o => o.Score).ThenBy(o => o.Name, StringComparer.Ordinal).ThenBy(o => o.Id)
            .ToList();
        var scored = ordered.Count(o => o.Score is not null);
        var listed = Math.Min(ListLength, scored / 2);
        var entries = new List<LeagueEntry>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var (id, name, score) = ordered[i];
            if (score is null)
            {
                entries.Add(new LeagueEntry(id, name, null, null, null));
                continue;
            }

            var rank = i > 0 && ordered[i - 1].Score == score ? entries[i - 1].Rank!.Value : i + 1;
            var lastOfTie = i;
            while (lastOfTie + 1 < scored && ordered[lastOfTie + 1].Score == score)
            {
                lastOfTie++;
            }

            var list = rank - 1 < listed ? "red" : lastOfTie >= scored - listed ? "black" : null;
            entries.Add(new LeagueEntry(id, name, score, rank, list));
        }

        return entries;
    }
}
