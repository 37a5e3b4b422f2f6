using System.Text;
using System.Text.Json;

namespace PartyGrid.Assessment.Scoring;

/// <summary>
/// What is counted per organisation and month. Each is a column of <c>period_counts</c> and
/// <c>frozen_counts</c> named in snake case; indicators are ratios of these, so every figure can be
/// shown with the counts behind it.
/// </summary>
public enum Counter
{
    /// <summary>Tickets taken in (by submission month).</summary>
    Submitted,

    /// <summary>Of those, answered by the intake site within its response deadline.</summary>
    RespondedOnTime,

    /// <summary>Of those, escalated at least once.</summary>
    Escalated,

    /// <summary>Tickets taken in and resolved (by resolution month).</summary>
    TakenInResolved,

    /// <summary>Of those, resolved at the intake tier (group and village together).</summary>
    ResolvedLocally,

    /// <summary>Tickets whose resolution deadline fell in the month, at the organisation answerable for them.</summary>
    Due,

    /// <summary>Of those, resolved by the deadline.</summary>
    ResolvedOnTime,

    /// <summary>Tickets resolved by the organisation (by resolution month).</summary>
    Resolved,

    Rated,

    /// <summary>Ratings 3–5.</summary>
    SatisfiedRatings,

    RatingSum,

    /// <summary>Ratings 1–2 (差评): each opens a rectification.</summary>
    UnsatisfiedRatings,

    /// <summary>Reopenings of a resolution (by reopening month, at the organisation whose resolution it was).</summary>
    Reopened,

    /// <summary>Rectifications after a bad rating whose deadline fell in the month, at the organisation rated.</summary>
    RectificationsDue,

    /// <summary>Of those, resolved by the deadline.</summary>
    RectifiedOnTime,

    MemberAnswers,

    MemberSatisfied,

    ResidentAnswers,

    ResidentSatisfied,

    CommitmentsDue,

    CommitmentsFulfilled,

    CountyOrganisations,

    CountyCovered,

    TownshipOrganisations,

    TownshipCovered,

    VillageOrganisations,

    VillageCovered,

    GroupOrganisations,

    GroupCovered,
}

public static class Counters
{
    public static readonly IReadOnlyList<Counter> All = Enum.GetValues<Counter>();

    /// <summary>Counters of the organisations and open service sites, per tier: the current state, not a month's events.</summary>
    public static readonly IReadOnlyList<(OrganisationTier Tier, Counter Organisations, Counter Covered)> Coverage =
    [
        (OrganisationTier.County, Counter.CountyOrganisations, Counter.CountyCovered),
        (OrganisationTier.Township, Counter.TownshipOrganisations, Counter.TownshipCovered),
        (OrganisationTier.Village, Counter.VillageOrganisations, Counter.VillageCovered),
        (OrganisationTier.Group, Counter.GroupOrganisations, Counter.GroupCovered),
    ];

    public static readonly IReadOnlyList<Counter> Events = All.Where(c => !Coverage.Any(t => t.Organisations == c || t.Covered == c)).ToArray();

    public static string JsonName(this Counter counter) => JsonNamingPolicy.CamelCase.ConvertName(counter.ToString());
}
