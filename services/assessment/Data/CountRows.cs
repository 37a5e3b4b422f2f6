namespace PartyGrid.Assessment.Data;

// The table shapes of the counts. Columns are named after Scoring.Counter (a test holds the two
// together); the counting itself runs through CountsSql, not through these classes.

/// <summary>A month's counts of events, without the coverage counters.</summary>
public abstract class EventCountRow
{
    public Guid OrganisationId { get; init; }

    /// <summary><c>yyyy-MM</c>.</summary>
    public required string Period { get; init; }

    public int Submitted { get; init; }

    public int RespondedOnTime { get; init; }

    public int Escalated { get; init; }

    public int TakenInResolved { get; init; }

    public int ResolvedLocally { get; init; }

    public int Due { get; init; }

    public int ResolvedOnTime { get; init; }

    public int Resolved { get; init; }

    public int Rated { get; init; }

    public int SatisfiedRatings { get; init; }

    public int RatingSum { get; init; }

    public int UnsatisfiedRatings { get; init; }

    public int Reopened { get; init; }

    public int RectificationsDue { get; init; }

    public int RectifiedOnTime { get; init; }

    public int MemberAnswers { get; init; }

    public int MemberSatisfied { get; init; }

    public int ResidentAnswers { get; init; }

    public int ResidentSatisfied { get; init; }

    public int CommitmentsDue { get; init; }

    public int CommitmentsFulfilled { get; init; }
}

/// <summary>Every counter of a month, coverage included.</summary>
public abstract class CountRow : EventCountRow
{
    public int CountyOrganisations { get; init; }

    public int CountyCovered { get; init; }

    public int TownshipOrganisations { get; init; }

    public int TownshipCovered { get; init; }

    public int VillageOrganisations { get; init; }

    public int VillageCovered { get; init; }

    public int GroupOrganisations { get; init; }

    public int GroupCovered { get; init; }
}

/// <summary>The running counts of an organisation's month, kept by the projectors and surveys.</summary>
public sealed class PeriodCountRow : CountRow;

/// <summary>The counts of a closed month as they were at closing, coverage included.</summary>
public sealed class FrozenCountRow : CountRow;

/// <summary>
/// The running event counts of an organisation and everything under it, kept beside
/// <see cref="PeriodCountRow"/> so that a league of large subtrees reads a few rows per entry. A
/// subtree's month is split over <see cref="SubtreeTotals.Shards"/> rows that readers add up:
/// every event of a county changes its county's totals, and one row would make them all wait in turn.
/// </summary>
public sealed class SubtreeCountRow : EventCountRow
{
    public short Shard { get; init; }
}

/// <summary>The coverage counters (organisations and open sites per tier) of an organisation and everything under it, as they stand now.</summary>
public sealed class SubtreeCoverageRow
{
    public Guid OrganisationId { get; init; }

    public int CountyOrganisations { get; init; }

    public int CountyCovered { get; init; }

    public int TownshipOrganisations { get; init; }

    public int TownshipCovered { get; init; }

    public int VillageOrganisations { get; init; }

    public int VillageCovered { get; init; }

    public int GroupOrganisations { get; init; }

    public int GroupCovered { get; init; }
}

/// <summary>A month whose scorecards are frozen.</summary>
public sealed class ClosedPeriod
{
    public required string Period { get; init; }

    public int SchemeVersion { get; init; }

    public DateTimeOffset ClosedAt { get; init; }

    public required string ClosedBy { get; init; }
}

/// <summary>A saved version of the scoring scheme; <see cref="Document"/> holds weights, floors and thresholds as JSON.</summary>
public sealed class SchemeRecord
{
    public int Version { get; init; }

    public required string EffectiveFrom { get; init; }

    public required string Document { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }
}
