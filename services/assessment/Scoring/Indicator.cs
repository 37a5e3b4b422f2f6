using System.Text.Json;

namespace PartyGrid.Assessment.Scoring;

/// <summary>The indicators of DESIGN.md "Assessment", plus the residents' side of 双满意.</summary>
public enum Indicator
{
    ResponseRate,
    OnTimeResolutionRate,
    SatisfactionRate,
    MeanRating,
    LocalResolutionRate,
    EscalationRate,
    ReopenRate,

    /// <summary>差评整改率: rectifications after a bad rating resolved on time ÷ those that fell due.</summary>
    RectificationRate,
    MemberSatisfactionRate,
    PairingFulfilmentRate,
    ServiceCoverageRate,

    /// <summary>Ratings 3–5 and resident survey answers 3–5 over both: what residents think, for 双满意.</summary>
    ResidentSatisfactionRate,
}

public static class Indicators
{
    public static readonly IReadOnlyList<Indicator> All = Enum.GetValues<Indicator>();

    public static string JsonName(this Indicator indicator) => JsonNamingPolicy.CamelCase.ConvertName(indicator.ToString());

    public static bool TryParse(string name, out Indicator indicator)
    {
        foreach (var candidate in All)
        {
            if (candidate.JsonName() == name)
            {
                indicator = candidate;
                return true;
            }
        }

        indicator = default;
        return false;
    }

    /// <summary>Every indicator from the counts; null where nothing was there to count.</summary>
    public static IReadOnlyDictionary<Indicator, decimal?> From(Counts c) => new Dictionary<Indicator, decimal?>
    {
        [Indicator.ResponseRate] = Rate(c[Counter.RespondedOnTime], c[Counter.Submitted]),
        [Indicator.OnTimeResolutionRate] = Rate(c[Counter.ResolvedOnTime], c[Counter.Due]),
        [Indicator.SatisfactionRate] = Rate(c[Counter.SatisfiedRatings], c[Counter.Rated]),
        [Indicator.MeanRating] = c[Counter.Rated] == 0 ? null : Math.Round((decimal)c[Counter.RatingSum] / c[Counter.Rated], 2),
        [Indicator.LocalResolutionRate] = Rate(c[Counter.ResolvedLocally], c[Counter.TakenInResolved]),
        [Indicator.EscalationRate] = Rate(c[Counter.Escalated], c[Counter.Submitted]),
        [Indicator.ReopenRate] = Rate(c[Counter.Reopened], c[Counter.Resolved]),
        [Indicator.RectificationRate] = Rate(c[Counter.RectifiedOnTime], c[Counter.RectificationsDue]),
        [Indicator.MemberSatisfactionRate] = Rate(c[Counter.MemberSatisfied], c[Counter.MemberAnswers]),
        [Indicator.PairingFulfilmentRate] = Rate(c[Counter.CommitmentsFulfilled], c[Counter.CommitmentsDue]),
        [Indicator.ServiceCoverageRate] = Rate(
            Counters.Coverage.Sum(t => c[t.Covered]), Counters.Coverage.Sum(t => c[t.Organisations])),
        [Indicator.ResidentSatisfactionRate] = Rate(
            c[Counter.SatisfiedRatings] + c[Counter.ResidentSatisfied], c[Counter.Rated] + c[Counter.ResidentAnswers]),
    };

    /// <summary>How good a value is, 0–1: escalation and reopening are better low, a mean rating runs 1–5.</summary>
    public static decimal Goodness(this Indicator indicator, decimal value) => indicator switch
    {
        Indicator.EscalationRate or Indicator.ReopenRate => 1 - value,
        Indicator.MeanRating => (value - 1) / 4,
        _ => value,
    };

    private static decimal? Rate(long part, long whole) => whole == 0 ? null : Math.Round((decimal)part / whole, 4);
}
