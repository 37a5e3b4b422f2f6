using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartyGrid.Testing;
using PartyGrid.Tickets.Calendar;

namespace PartyGrid.Tickets.Tests;

/// <summary>
/// The working calendar through its API, on a service of its own: these tests change a year's
/// holidays and move the clock into 2027, which would shift every other test's deadlines.
/// </summary>
public sealed class CalendarApiTests(TicketsService service) : IClassFixture<TicketsService>
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static readonly object[] SpringFestival2027 =
    [
        new { date = "2027-01-01", kind = "holiday", name = "元旦" },
        .. Enumerable.Range(6, 7).Select(d => (object)new { date = $"2027-02-{d:D2}", kind = "holiday", name = "春节" }),
        new { date = "2027-02-20", kind = "workday", name = "春节调休" },
    ];

    [Fact]
    public async Task The_2026_calendar_is_published_and_a_later_year_starts_empty()
    {
        var year2026 = await CalendarAsync(2026);
        var days = year2026.GetProperty("days").EnumerateArray().ToDictionary(d => d.Text("date"), d => (d.Text("kind"), d.Text("name")));
        Assert.Equal(("holiday", "国庆节"), days["2026-10-01"]);
        Assert.Equal(("workday", "调休上班"), days["2026-10-10"]);
        Assert.Equal(7, days.Values.Count(d => d == ("holiday", "国庆节")));
        Assert.Empty((await CalendarAsync(2031)).GetProperty("days").EnumerateArray());
    }

    [Fact]
    public async Task Only_admin_puts_a_year_every_day_must_lie_in_it_and_deadlines_then_skip_its_holidays()
    {
        var admin = service.As(service.County.C, "admin");
        Assert.Equal(HttpStatusCode.Forbidden, (await service.As(service.County.C, "org-admin").PutAsJsonAsync("/api/v1/ticket-categories/calendar/2027", new { days = SpringFestival2027 })).StatusCode);
        foreach (var wrong in new object[]
                 {
                     new { days = new[] { new { date = "2026-12-31", kind = "holiday", name = "跨年" } } },
                     new { days = new[] { new { date = "2027-01-01", kind = "holiday", name = "元旦" }, new { date = "2027-01-01", kind = "holiday", name = "元旦" } } },
                     new { days = new[] { new { date = "2027-01-01", kind = "holiday", name = "" } } },
                 })
        {
            var refused = await Json.ReadAsync(await admin.PutAsJsonAsync("/api/v1/ticket-categories/calendar/2027", wrong), HttpStatusCode.BadRequest);
            Assert.True(refused.GetProperty("errors").TryGetProperty("days", out _));
        }

        Assert.Empty((await CalendarAsync(2027)).GetProperty("days").EnumerateArray());

        // Friday 5 February 2027, 09:00: the same ticket before and after the year's holidays are put.
        service.Host.Time.SetUtcNow(new DateTimeOffset(2027, 2, 5, 9, 0, 0, China).ToUniversalTime());
        var before = await service.SubmitAsync(service.County.A);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/ticket-categories/calendar/2027", new { days = SpringFestival2027 })).StatusCode);
        var after = await service.SubmitAsync(service.County.A);

        var put = await CalendarAsync(2027);
        Assert.Equal(
            ["2027-01-01", "2027-02-06", "2027-02-07", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11", "2027-02-12", "2027-02-20"],
            put.GetProperty("days").EnumerateArray().Select(d => d.Text("date")));
        Assert.Equal(("holiday", "国庆节"), Day(await CalendarAsync(2026), "2026-10-01"));

        var empty = WorkingCalendar.Of([]);
        var spring = WorkingCalendar.Of(put.GetProperty("days").EnumerateArray().Select(d => new CalendarDay(
            DateOnly.Parse(d.Text("date"), System.Globalization.CultureInfo.InvariantCulture),
            d.Text("kind") == "holiday" ? CalendarDayKind.Holiday : CalendarDayKind.Workday,
            d.Text("name"))));
        foreach (var deadline in new[] { "responseDueAt", "resolutionDueAt" })
        {
            var (was, now) = (At(before, deadline), At(after, deadline));
            Assert.True(now > was, $"{deadline} moves past the holidays: {was} → {now}");
            Assert.Equal(empty.Between(At(before, "submittedAt"), was), spring.Between(At(after, "submittedAt"), now));
            Assert.True(spring.IsWorkingDay(DateOnly.FromDateTime(now.ToOffset(China).DateTime)), $"{deadline} {now} falls on a working day");
        }
    }

    private static (string Kind, string Name) Day(JsonElement calendar, string date) =>
        calendar.GetProperty("days").EnumerateArray().Where(d => d.Text("date") == date).Select(d => (d.Text("kind"), d.Text("name"))).Single();

    private static DateTimeOffset At(JsonElement ticket, string field) => ticket.GetProperty(field).GetDateTimeOffset();

    private async Task<JsonElement> CalendarAsync(int year) =>
        await Json.ReadAsync(await service.Staff(service.County.A).GetAsync($"/api/v1/ticket-categories/calendar/{year}"), HttpStatusCode.OK);
}
