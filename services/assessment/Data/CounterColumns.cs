using System.Collections.Frozen;
using PartyGrid.Assessment.Scoring;

namespace PartyGrid.Assessment.Data;

/// <summary>
/// The column each counter is stored in, written out: renaming a counter in code must not rename
/// (or lose) a column of the counts tables. A test holds this map, the counters and the tables together.
/// </summary>
public static class CounterColumns
{
    private static readonly FrozenDictionary<Counter, string> Names = new Dictionary<Counter, string>
    {
        [Counter.Submitted] = "submitted",
        [Counter.RespondedOnTime] = "responded_on_time",
        [Counter.Escalated] = "escalated",
        [Counter.TakenInResolved] = "taken_in_resolved",
        [Counter.ResolvedLocally] = "resolved_locally",
        [Counter.Due] = "due",
        [Counter.ResolvedOnTime] = "resolved_on_time",
        [Counter.Resolved] = "resolved",
        [Counter.Rated] = "rated",
        [Counter.SatisfiedRatings] = "satisfied_ratings",
        [Counter.RatingSum] = "rating_sum",
        [Counter.UnsatisfiedRatings] = "unsatisfied_ratings",
        [Counter.Reopened] = "reopened",
        [Counter.RectificationsDue] = "rectifications_due",
        [Counter.RectifiedOnTime] = "rectified_on_time",
        [Counter.MemberAnswers] = "member_answers",
        [Counter.MemberSatisfied] = "member_satisfied",
        [Counter.ResidentAnswers] = "resident_answers",
        [Counter.ResidentSatisfied] = "resident_satisfied",
        [Counter.CommitmentsDue] = "commitments_due",
        [Counter.CommitmentsFulfilled] = "commitments_fulfilled",
        [Counter.CountyOrganisations] = "county_organisations",
        [Counter.CountyCovered] = "county_covered",
        [Counter.TownshipOrganisations] = "township_organisations",
        [Counter.TownshipCovered] = "township_covered",
        [Counter.VillageOrganisations] = "village_organisations",
        [Counter.VillageCovered] = "village_covered",
        [Counter.GroupOrganisations] = "group_organisations",
        [Counter.GroupCovered] = "group_covered",
    }.ToFrozenDictionary();

    public static string Column(this Counter counter) => Names[counter];
}
