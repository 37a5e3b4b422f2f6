using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace PartyGrid.Assessment.Scoring;

/// <summary>
/// The months a scorecard covers: one month (<c>2026-11</c>), a quarter (<c>2026-Q4</c>) or a year
/// (<c>2026</c>). Quarters and years are the sums of their months, never counted separately.
/// </summary>
public readonly record struct AssessmentSpan(AssessmentPeriod First, AssessmentPeriod Last, string Label)
{
    public static AssessmentSpan Month(AssessmentPeriod month) => new(month, month, month.ToString());

    public bool IsMonth => First == Last;

    public IEnumerable<AssessmentPeriod> Months
    {
        get
        {
            for (var m = First; m <= Last; m = m.AddMonths(1))
            {
                yield return m;
            }
        }
    }

    public static bool TryParse([NotNullWhen(true)] string? text, out AssessmentSpan span)
    {
        span = default;
        if (AssessmentPeriod.TryParse(text, out var month))
        {
            span = Month(month);
            return true;
        }

        if (text is { Length: 4 } && Year(text) is { } year)
        {
            span = new AssessmentSpan(new(year, 1), new(year, 12), text);
            return true;
        }

        if (text is { Length: 7 } && text[4..6] == "-Q" && Year(text[..4]) is { } y && text[6] is >= '1' and <= '4')
        {
            var quarter = text[6] - '0';
            span = new AssessmentSpan(new(y, quarter * 3 - 2), new(y, quarter * 3), text);
            return true;
        }

        return false;
    }

    private static int? Year(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year >= 2000 ? year : null;

    public override string ToString() => Label;
}
