namespace PartyGrid.Assessment.Scoring;

/// <summary>
/// How a month is scored: weights of the indicators (adding up to 1), floors below which an
/// indicator's goodness scores 0, and the threshold both satisfaction rates must reach for 双满意. A
/// version applies from <see cref="EffectiveFrom"/> until a later version takes over.
/// </summary>
public sealed record AssessmentScheme(
    int Version,
    AssessmentPeriod EffectiveFrom,
    IReadOnlyDictionary<Indicator, decimal> Weights,
    IReadOnlyDictionary<Indicator, decimal> Floors,
    decimal DoubleSatisfactionThreshold,
    DateTimeOffset CreatedAt,
    string CreatedBy)
{
    /// <summary>In force until an admin saves another: DESIGN.md's example weights spread over every indicator.</summary>
    public static readonly AssessmentScheme Default = new(
        1,
        new AssessmentPeriod(2000, 1),
        new Dictionary<Indicator, decimal>
        {
            [Indicator.ResponseRate] = 0.20m,
            [Indicator.OnTimeResolutionRate] = 0.25m,
            [Indicator.SatisfactionRate] = 0.20m,
            [Indicator.RectificationRate] = 0.05m,
            [Indicator.LocalResolutionRate] = 0.10m,
            [Indicator.ReopenRate] = 0.05m,
            [Indicator.MemberSatisfactionRate] = 0.05m,
            [Indicator.PairingFulfilmentRate] = 0.05m,
            [Indicator.ServiceCoverageRate] = 0.05m,
        },
        new Dictionary<Indicator, decimal>
        {
            [Indicator.ResponseRate] = 0.60m,
            [Indicator.SatisfactionRate] = 0.60m,
        },
        0.90m,
        DateTimeOffset.UnixEpoch,
        "system");

    /// <summary>
    /// 0–100: the weighted mean of the goodness of the indicators that have data (an indicator under
    /// its floor counts 0); null when no weighted indicator has any.
    /// </summary>
    public decimal? Score(IReadOnlyDictionary<Indicator, decimal?> indicators)
    {
        decimal weighted = 0, weights = 0;
        foreach (var (indicator, weight) in Weights)
        {
            if (weight <= 0 || indicators.GetValueOrDefault(indicator) is not { } value)
            {
                continue;
            }

            var goodness = indicator.Goodness(value);
            weighted += weight * (goodness < Floors.GetValueOrDefault(indicator) ? 0 : goodness);
            weights += weight;
        }

        return weights == 0 ? null : Math.Round(100 * weighted / weights, 2);
    }

    public bool DoubleSatisfaction(IReadOnlyDictionary<Indicator, decimal?> indicators) =>
        indicators.GetValueOrDefault(Indicator.MemberSatisfactionRate) >= DoubleSatisfactionThreshold
        && indicators.GetValueOrDefault(Indicator.ResidentSatisfactionRate) >= DoubleSatisfactionThreshold;
}
