namespace PartyGrid.Tickets.Calendar;

/// <summary>
/// The official schedule of public holidays and make-up working days shipped as defaults. Source:
/// 国务院办公厅关于2026年部分节假日安排的通知 (General Office of the State Council, 4 November 2025,
/// published by Xinhua). Later years are added as data through the calendar API when they are published.
/// </summary>
public static class NationalHolidays
{
    public static IEnumerable<CalendarDay> Of2026()
    {
        // 元旦 1–3 Jan; 春节 15–23 Feb; 清明 4–6 Apr; 劳动节 1–5 May; 端午 19–21 Jun; 中秋 25–27 Sep; 国庆 1–7 Oct.
        (DateOnly From, DateOnly To, string Name)[] holidays =
        [
            (new(2026, 1, 1), new(2026, 1, 3), "元旦"),
            (new(2026, 2, 15), new(2026, 2, 23), "春节"),
            (new(2026, 4, 4), new(2026, 4, 6), "清明节"),
            (new(2026, 5, 1), new(2026, 5, 5), "劳动节"),
            (new(2026, 6, 19), new(2026, 6, 21), "端午节"),
            (new(2026, 9, 25), new(2026, 9, 27), "中秋节"),
            (new(2026, 10, 1), new(2026, 10, 7), "国庆节"),
        ];
        foreach (var (from, to, name) in holidays)
        {
            for (var day = from; day <= to; day = day.AddDays(1))
            {
                yield return new CalendarDay(day, CalendarDayKind.Holiday, name);
            }
        }

        // 调休: Sunday 4 Jan, Saturdays 14 and 28 Feb, Saturday 9 May, Sunday 20 Sep, Saturday 10 Oct.
        foreach (var day in new DateOnly[] { new(2026, 1, 4), new(2026, 2, 14), new(2026, 2, 28), new(2026, 5, 9), new(2026, 9, 20), new(2026, 10, 10) })
        {
            yield return new CalendarDay(day, CalendarDayKind.Workday, "调休上班");
        }
    }
}

public enum CalendarDayKind
{
    Holiday = 1,
    Workday = 2,
}

/// <summary>A day that differs from the plain week: a public holiday, or a weekend day worked (调休).</summary>
public sealed record CalendarDay(DateOnly Date, CalendarDayKind Kind, string Name);
