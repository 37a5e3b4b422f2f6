using PartyGrid.ServiceDefaults.Hosting;

namespace PartyGrid.Tickets.Calendar;

/// <summary>
/// Working time in Asia/Shanghai. A working day is a weekday that is not a public holiday, or a
/// make-up working day (调休), which may be a Saturday or Sunday. Deadlines count working time:
/// every working day contributes its whole 24 hours and other days none, so "3 working days" from
/// Wednesday 10:00 before a holiday week ends at 10:00 on the third working day after it, and a
/// clock stopped on Friday evening and restarted on Monday morning has lost nothing over the weekend.
/// </summary>
public sealed class WorkingCalendar(IReadOnlySet<DateOnly> holidays, IReadOnlySet<DateOnly> makeUpWorkdays)
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public static WorkingCalendar Of(IEnumerable<CalendarDay> days)
    {
        var list = days.ToList();
        return new WorkingCalendar(
            list.Where(d => d.Kind == CalendarDayKind.Holiday).Select(d => d.Date).ToHashSet(),
            list.Where(d => d.Kind == CalendarDayKind.Workday).Select(d => d.Date).ToHashSet());
    }

    public bool IsWorkingDay(DateOnly date) =>
        makeUpWorkdays.Contains(date)
        || (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(date));

    /// <summary>The instant <paramref name="workingTime"/> of working time after <paramref name="start"/>.</summary>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan workingTime)
    {
        var local = TimeZoneInfo.ConvertTime(start, ChinaTime.Zone);
        var date = DateOnly.FromDateTime(local.DateTime);
        var intoDay = local.TimeOfDay;
        var left = workingTime;
        while (true)
        {
            if (IsWorkingDay(date))
            {
                var restOfDay = Day - intoDay;
                if (left <= restOfDay)
                {
                    return At(date, intoDay + left);
                }

                left -= restOfDay;
            }

            date = date.AddDays(1);
            intoDay = TimeSpan.Zero;
        }
    }

    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int days) => Add(start, days * Day);

    /// <summary>Working time between two instants (zero when <paramref name="to"/> is not later).</summary>
    public TimeSpan Between(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        var local = TimeZoneInfo.ConvertTime(from, ChinaTime.Zone);
        var end = TimeZoneInfo.ConvertTime(to, ChinaTime.Zone);
        var date = DateOnly.FromDateTime(local.DateTime);
        var endDate = DateOnly.FromDateTime(end.DateTime);
        var total = TimeSpan.Zero;
        var intoDay = local.TimeOfDay;
        while (date <= endDate)
        {
            if (IsWorkingDay(date))
            {
                var until = date == endDate ? end.TimeOfDay : Day;
                total += until - intoDay;
            }

            date = date.AddDays(1);
            intoDay = TimeSpan.Zero;
        }

        return total;
    }

    private static DateTimeOffset At(DateOnly date, TimeSpan timeOfDay)
    {
        var local = date.ToDateTime(TimeOnly.MinValue).Add(timeOfDay);
        // Stored as timestamptz, which takes UTC only; the instant is the same.
        return new DateTimeOffset(local, ChinaTime.Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
