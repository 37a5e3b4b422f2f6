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

    /// <summary>The indicators that are one count over another (rounded to 4 places), as staff are shown them: part ÷ whole.</summary>
    public static readonly IReadOnlyDictionary<Indicator, (Counter Part, Counter Whole)> Ratios = new Dictionary<Indicator, (Counter, Counter)>
    {
        [Indicator.ResponseRate] = (Counter.RespondedOnTime, Counter.Submitted),
        [Indicator.OnTimeResolutionRate] = (Counter.ResolvedOnTime, Counter.Due),
        [Indicator.SatisfactionRate] = (Counter.SatisfiedRatings, Counter.Rated),
        [Indicator.LocalResolutionRate] = (Counter.ResolvedLocally, Counter.TakenInResolved),
        [Indicator.EscalationRate] = (Counter.Escalated, Counter.Submitted),
        [Indicator.ReopenRate] = (Counter.Reopened, Counter.Resolved),
        [Indicator.RectificationRate] = (Counter.RectifiedOnTime, Counter.RectificationsDue),
        [Indicator.MemberSatisfactionRate] = (Counter.MemberSatisfied, Counter.MemberAnswers),
        [Indicator.PairingFulfilmentRate] = (Counter.CommitmentsFulfilled, Counter.CommitmentsDue),
    };

    /// <summary>Every indicator from the counts; null where nothing was there to count.</summary>
    public static IReadOnlyDictionary<Indicator, decimal?> From(Counts c)
    {
        var values = Ratios.ToDictionary(r => r.Key, r => Rate(c[r.Value.Part], c[r.Value.Whole]));
        values[Indicator.MeanRating] = c[Counter.Rated] == 0 ? null : Math.Round((decimal)c[Counter.RatingSum] / c[Counter.Rated], 2);
        values[Indicator.ServiceCoverageRate] = Rate(Counters.Coverage.Sum(t => c[t.Covered]), Counters.Coverage.Sum(t => c[t.Organisations]));
        values[Indicator.ResidentSatisfactionRate] = Rate(
            c[Counter.SatisfiedRatings] + c[Counter.ResidentSatisfied], c[Counter.Rated] + c[Counter.ResidentAnswers]);
        return values;
    }

    /// <summary>Shown as a percentage; the mean rating is a mark from 1 to 5.</summary>
    public static bool IsRate(this Indicator indicator) => indicator != Indicator.MeanRating;

    /// <summary>How good a value is, 0–1: escalation and reopening are better low, a mean rating runs 1–5.</summary>
    public static decimal Goodness(this Indicator indicator, decimal value) => indicator switch
    {
        Indicator.EscalationRate or Indicator.ReopenRate => 1 - value,
        Indicator.MeanRating => (value - 1) / 4,
        _ => value,
    };

    private static decimal? Rate(long part, long whole) => whole == 0 ? null : Math.Round((decimal)part / whole, 4);
}
