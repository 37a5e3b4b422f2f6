using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using PartyGrid.ServiceDefaults.Hosting;

namespace PartyGrid.Assessment.Scoring;

/// <summary>A calendar month in China time (<c>yyyy-MM</c>): the unit every figure is counted in.</summary>
public readonly record struct AssessmentPeriod(int Year, int Month) : IComparable<AssessmentPeriod>
{
    public static AssessmentPeriod Of(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, ChinaTime.Zone);
        return new AssessmentPeriod(local.Year, local.Month);
    }

    public static AssessmentPeriod Of(DateOnly day) => new(day.Year, day.Month);

    public static AssessmentPeriod Current(TimeProvider time) => Of(time.GetUtcNow());

    public static bool TryParse([NotNullWhen(true)] string? text, out AssessmentPeriod period)
    {
        period = default;
        if (text is not { Length: 7 } || text[4] != '-'
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || year < 2000 || month is < 1 or > 12)
        {
            return false;
        }

        period = new AssessmentPeriod(year, month);
        return true;
    }

    /// <summary>The month <paramref name="months"/> later (earlier when negative).</summary>
    public AssessmentPeriod AddMonths(int months)
    {
        var index = Year * 12 + Month - 1 + months;
        return new AssessmentPeriod(index / 12, index % 12 + 1);
    }

    /// <summary>The first instant of the month, in China time.</summary>
    public DateTimeOffset Start => new(Year, Month, 1, 0, 0, 0, TimeSpan.FromHours(8));

    public int CompareTo(AssessmentPeriod other) => (Year * 12 + Month).CompareTo(other.Year * 12 + other.Month);

    public static bool operator <(AssessmentPeriod a, AssessmentPeriod b) => a.CompareTo(b) < 0;

    public static bool operator >(AssessmentPeriod a, AssessmentPeriod b) => a.CompareTo(b) > 0;

    public static bool operator <=(AssessmentPeriod a, AssessmentPeriod b) => a.CompareTo(b) <= 0;

    public static bool operator >=(AssessmentPeriod a, AssessmentPeriod b) => a.CompareTo(b) >= 0;

    public override string ToString() => $"{Year:D4}-{Month:D2}";
}
