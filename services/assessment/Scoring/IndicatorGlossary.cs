namespace PartyGrid.Assessment.Scoring;

/// <summary>One indicator as staff read it: its Chinese name and, for a ratio, the counts it is made of.</summary>
/// <param name="Key">The indicator's name in a scorecard's <c>indicators</c>.</param>
/// <param name="Part">The count above the line (a name in <c>counts</c>); null when the indicator is not one count over another.</param>
/// <param name="Whole">The count below the line.</param>
/// <param name="Percent">Shown as a percentage (the mean rating is a mark from 1 to 5).</param>
public sealed record IndicatorTerm(string Key, string Name, string? Part, string? Whole, bool Percent);

/// <summary>One count of a scorecard: its name in <c>counts</c>, its Chinese name, and whether its tickets can be listed.</summary>
public sealed record CountTerm(string Key, string Name, bool Listable);

/// <summary>What a scorecard's figures are called, in the order a report lists them.</summary>
public sealed record Glossary(IReadOnlyList<IndicatorTerm> Indicators, IReadOnlyList<CountTerm> Counts);

/// <summary>
/// The words of the assessment, written once: the console's scorecard and the Excel exports both name
/// every indicator and count from here, and the ratios come from <see cref="Indicators.Ratios"/>.
/// </summary>
public static class IndicatorGlossary
{
    private static readonly (Indicator Indicator, string Name)[] IndicatorNames =
    [
        (Indicator.ResponseRate, "及时响应率"),
        (Indicator.OnTimeResolutionRate, "按期办结率"),
        (Indicator.SatisfactionRate, "群众满意率"),
        (Indicator.MeanRating, "平均评分"),
        (Indicator.RectificationRate, "差评整改率"),
        (Indicator.LocalResolutionRate, "就地办结率"),
        (Indicator.EscalationRate, "上报率"),
        (Indicator.ReopenRate, "重办率"),
        (Indicator.MemberSatisfactionRate, "党员满意率"),
        (Indicator.PairingFulfilmentRate, "结对承诺兑现率"),
        (Indicator.ServiceCoverageRate, "服务阵地覆盖率"),
        (Indicator.ResidentSatisfactionRate, "群众满意度（含回访）"),
    ];

    private static readonly (Counter Counter, string Name)[] CountNames =
    [
        (Counter.Submitted, "受理件数"),
        (Counter.RespondedOnTime, "及时响应"),
        (Counter.Escalated, "上报件数"),
        (Counter.TakenInResolved, "受理已办结"),
        (Counter.ResolvedLocally, "就地办结"),
        (Counter.Due, "到期应办结"),
        (Counter.ResolvedOnTime, "按期办结"),
        (Counter.Resolved, "办结件数"),
        (Counter.Rated, "评价次数"),
        (Counter.SatisfiedRatings, "满意评价"),
        (Counter.UnsatisfiedRatings, "差评"),
        (Counter.RatingSum, "评分合计"),
        (Counter.Reopened, "重办次数"),
        (Counter.RectificationsDue, "到期应整改"),
        (Counter.RectifiedOnTime, "按期整改"),
        (Counter.MemberAnswers, "党员答卷"),
        (Counter.MemberSatisfied, "党员满意"),
        (Counter.ResidentAnswers, "群众回访答卷"),
        (Counter.ResidentSatisfied, "群众回访满意"),
        (Counter.CommitmentsDue, "到期承诺"),
        (Counter.CommitmentsFulfilled, "已兑现承诺"),
        (Counter.CountyOrganisations, "县级组织"),
        (Counter.CountyCovered, "县级已建阵地"),
        (Counter.TownshipOrganisations, "乡镇组织"),
        (Counter.TownshipCovered, "乡镇已建阵地"),
        (Counter.VillageOrganisations, "村级组织"),
        (Counter.VillageCovered, "村级已建阵地"),
        (Counter.GroupOrganisations, "村民小组"),
        (Counter.GroupCovered, "村民小组已建阵地"),
    ];

    public static readonly Glossary Terms = new(
        IndicatorNames.Select(i => new IndicatorTerm(
            i.Indicator.JsonName(), i.Name,
            Indicators.Ratios.TryGetValue(i.Indicator, out var ratio) ? ratio.Part.JsonName() : i.Indicator == Indicator.MeanRating ? Counter.RatingSum.JsonName() : null,
            Indicators.Ratios.TryGetValue(i.Indicator, out ratio) ? ratio.Whole.JsonName() : i.Indicator == Indicator.MeanRating ? Counter.Rated.JsonName() : null,
            i.Indicator.IsRate())).ToList(),
        CountNames.Select(c => new CountTerm(c.Counter.JsonName(), c.Name, TicketContribution.Listable.Contains(c.Counter))).ToList());
}
