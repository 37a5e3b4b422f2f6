using System.Globalization;
using System.Net;
using System.Text.Json;
using PartyGrid.Testing;

namespace PartyGrid.Tickets.Tests;

/// <summary>What a console offers and how it filters its queue: all from the service, none guessed by the client.</summary>
[Collection(TicketsServiceCollection.Name)]
public sealed class TicketActionsTests(TicketsService service)
{
    private TestCounty County => service.County;

    private async Task<JsonElement> ReadAsAsync(Guid homeOrg, string role, Guid id) =>
        await Json.ReadAsync(await service.As(homeOrg, role).GetAsync($"/api/v1/tickets/{id}"), HttpStatusCode.OK);

    private static List<string> Actions(JsonElement ticket) => [.. ticket.GetProperty("actions").EnumerateArray().Select(a => a.GetString()!)];

    [Fact]
    public async Task A_ticket_offers_each_caller_exactly_the_actions_its_status_and_their_right_allow()
    {
        var id = (await service.SubmitAsync(County.A)).Id();
        Assert.Equal(["accept", "suspend", "resolve", "escalate", "cancel", "comment"], Actions(await ReadAsAsync(County.A, "staff", id)));
        Assert.Empty(Actions(await ReadAsAsync(County.A, "viewer", id)));

        var submitted = await ReadAsAsync(County.A, "staff", id);
        Assert.Equal("response", submitted.GetProperty("deadline").Text("kind"));
        Assert.Equal(submitted.GetProperty("responseDueAt").GetDateTimeOffset(), submitted.GetProperty("deadline").GetProperty("dueAt").GetDateTimeOffset());
        Assert.True(submitted.GetProperty("deadline").GetProperty("warnAt").GetDateTimeOffset() < submitted.GetProperty("responseDueAt").GetDateTimeOffset());

        var accepted = await service.ActAsync(County.A, id, "accept");
        Assert.Equal(["assign", "suspend", "resolve", "escalate", "cancel", "comment"], Actions(accepted));
        Assert.Equal("resolution", accepted.GetProperty("deadline").Text("kind"));

        // Escalated, the village only follows it; the township works it.
        await service.ActAsync(County.A, id, "escalate", new { reason = "超出村级权限" });
        Assert.Equal(["comment"], Actions(await ReadAsAsync(County.A, "staff", id)));
        Assert.Contains("accept", Actions(await ReadAsAsync(County.T1, "staff", id)));

        var suspended = await service.ActAsync(County.T1, id, "suspend", new { reason = "等待当事人补充材料" });
        Assert.Equal(["resume", "cancel", "comment"], Actions(suspended));
        Assert.Equal(JsonValueKind.Null, suspended.GetProperty("deadline").ValueKind);

        // A list carries neither actions nor timelines: they are read per ticket.
        var listed = await Json.ReadAsync(await service.Staff(County.T1).GetAsync($"/api/v1/tickets?orgId={County.T1}&subtree=true&status=suspended"), HttpStatusCode.OK);
        var row = listed.GetProperty("items").EnumerateArray().Single(t => t.Id() == id);
        Assert.Equal(JsonValueKind.Null, row.GetProperty("actions").ValueKind);
    }

    [Fact]
    public async Task The_queue_filters_by_warning_and_by_the_days_taken_in_and_names_a_bad_day()
    {
        var ticket = await service.SubmitAsync(County.B);
        var id = ticket.Id();
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(ticket.GetProperty("submittedAt").GetDateTimeOffset(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        async Task<bool> ListedAsync(string filter)
        {
            var page = await Json.ReadAsync(await service.Staff(County.B).GetAsync($"/api/v1/tickets?orgId={County.B}&limit=200&{filter}"), HttpStatusCode.OK);
            return page.GetProperty("items").EnumerateArray().Any(t => t.Id() == id);
        }

        Assert.True(await ListedAsync($"from={Day(day)}&to={Day(day.AddDays(1))}"));
        Assert.False(await ListedAsync($"from={Day(day.AddDays(1))}"));
        Assert.False(await ListedAsync($"to={Day(day)}"));
        Assert.True(await ListedAsync("warned=false&supervised=false"));
        Assert.False(await ListedAsync("warned=true"));
        Assert.False(await ListedAsync("supervised=true"));

        using var backwards = await service.Staff(County.B).GetAsync($"/api/v1/tickets?orgId={County.B}&from={Day(day)}&to={Day(day.AddDays(-1))}");
        var problem = await Json.ReadAsync(backwards, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("to", out _));
    }
}
