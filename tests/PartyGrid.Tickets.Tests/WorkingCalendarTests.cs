using PartyGrid.Tickets.Calendar;

namespace PartyGrid.Tickets.Tests;

public sealed class WorkingCalendarTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Of(NationalHolidays.Of2026());

    private static DateTimeOffset Shanghai(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData(10, 1, false)] // 国庆
    [InlineData(10, 7, false)]
    [InlineData(10, 8, true)]
    [InlineData(10, 10, true)] // Saturday worked (调休)
    [InlineData(10, 11, false)] // an ordinary Sunday
    [InlineData(9, 20, true)] // Sunday worked
    [InlineData(2, 14, true)]
    [InlineData(2, 16, false)] // 春节, a Monday
    [InlineData(11, 24, true)]
    public void Working_days_follow_the_2026_schedule(int month, int day, bool working) =>
        Assert.Equal(working, Calendar.IsWorkingDay(new DateOnly(2026, month, day)));

    [Fact]
    public void Three_working_days_across_national_day_end_on_the_make_up_saturday()
    {
        // Wed 30 Sep 10:00: 14 h that day, 1–7 Oct off, Thu 8 and Fri 9 whole, 10 h of Saturday 10 Oct (worked).
        Assert.Equal(Shanghai(10, 10, 10), Calendar.AddWorkingDays(Shanghai(9, 30, 10), 3));
    }

    [Fact]
    public void A_deadline_from_a_holiday_counts_from_the_first_working_day()
    {
        Assert.Equal(Shanghai(10, 9, 0), Calendar.AddWorkingDays(Shanghai(10, 3, 15), 1));
        Assert.Equal(Shanghai(10, 11, 0), Calendar.AddWorkingDays(Shanghai(10, 3, 15), 3)); // 8, 9 and the worked Saturday 10 Oct
    }

    [Fact]
    public void Weekends_do_not_count_and_friday_carries_to_monday()
    {
        Assert.Equal(Shanghai(11, 30, 16), Calendar.AddWorkingDays(Shanghai(11, 27, 16), 1));
        Assert.Equal(Shanghai(12, 4, 9), Calendar.AddWorkingDays(Shanghai(11, 27, 9), 5));
    }

    [Fact]
    public void Working_time_between_skips_holidays_and_weekends()
    {
        Assert.Equal(TimeSpan.FromHours(72), Calendar.Between(Shanghai(9, 30, 10), Shanghai(10, 10, 10)));
        Assert.Equal(TimeSpan.Zero, Calendar.Between(Shanghai(10, 2, 0), Shanghai(10, 4, 23)));
        Assert.Equal(TimeSpan.FromHours(8), Calendar.Between(Shanghai(11, 27, 16), Shanghai(11, 30, 0)));
        Assert.Equal(TimeSpan.Zero, Calendar.Between(Shanghai(11, 30, 0), Shanghai(11, 27, 0)));
    }

    [Fact]
    public void Adding_what_lies_between_two_instants_returns_to_the_later_one_on_working_days()
    {
        var start = Shanghai(9, 28, 11, 30);
        foreach (var end in new[] { Shanghai(9, 30, 18), Shanghai(10, 8, 9, 15), Shanghai(10, 10, 23, 59) })
        {
            Assert.Equal(end, Calendar.Add(start, Calendar.Between(start, end)));
        }
    }
}
