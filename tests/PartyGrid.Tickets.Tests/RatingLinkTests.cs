using System.Net;
using PartyGrid.Testing;

namespace PartyGrid.Tickets.Tests;

/// <summary>
/// The resident's rating link: issued with each resolution and carried only in that change's event,
/// single-use, valid until the ticket would close on its own, refusing a forged token; a rating
/// through it runs the rules of any rating.
/// </summary>
[Collection(TicketsServiceCollection.Name)]
public sealed class RatingLinkTests(TicketsService service)
{
    private TestCounty County => service.County;

    private HttpClient Resident => service.Host.CreateClient();

    private async Task<(Guid Ticket, string Link)> ResolvedAsync()
    {
        var ticket = (await service.SubmitAsync(County.A)).Id();
        await service.ActAsync(County.A, ticket, "accept");
        await service.ActAsync(County.A, ticket, "resolve", new { resolution = "已协调两户疏通水沟" });
        var events = await service.EventsAsync(ticket);
        var withLink = Assert.Single(events, e => e.Body.TryGetProperty("ratingLink", out var l) && l.ValueKind == System.Text.Json.JsonValueKind.String);
        Assert.Equal("resolved", withLink.Body.Text("status"));
        return (ticket, withLink.Body.Text("ratingLink"));
    }

    private static FormUrlEncodedContent Rating(string score, string? comment = null) =>
        new(new Dictionary<string, string> { ["score"] = score, ["comment"] = comment ?? string.Empty });

    [Fact]
    public async Task The_link_shows_the_title_and_site_only_and_rates_once_as_the_requester()
    {
        var (ticket, link) = await ResolvedAsync();
        using var page = await Resident.GetAsync($"/rate/{link}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains((await service.GetAsync(ticket)).Text("title"), html, StringComparison.Ordinal);
        Assert.Contains(TestCounty.Code(County.A), html, StringComparison.Ordinal);
        Assert.DoesNotContain("13985123456", html, StringComparison.Ordinal);
        Assert.DoesNotContain("王大妈", html, StringComparison.Ordinal);
        Assert.DoesNotContain("石板村", html, StringComparison.Ordinal);

        using var invalid = await Resident.PostAsync($"/rate/{link}", Rating("9"));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("resolved", (await service.GetAsync(ticket)).Text("status"));

        using var rated = await Resident.PostAsync($"/rate/{link}", Rating("4", "处理及时"));
        Assert.Equal(HttpStatusCode.OK, rated.StatusCode);
        var closed = await service.GetAsync(ticket);
        Assert.Equal(("closed", 4, "处理及时"), (closed.Text("status"), closed.GetProperty("rating").GetInt32(), closed.Text("ratingComment")));
        Assert.Equal("requester:rating-link", closed.GetProperty("timeline").EnumerateArray().Last().Text("actor"));

        using var again = await Resident.PostAsync($"/rate/{link}", Rating("1"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Resident.GetAsync($"/rate/{link}")).StatusCode);
        Assert.Equal(4, (await service.GetAsync(ticket)).GetProperty("rating").GetInt32());
    }

    [Fact]
    public async Task A_forged_token_finds_nothing_and_a_link_past_the_auto_close_has_expired()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Resident.GetAsync($"/rate/{new string('x', 43)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Resident.PostAsync("/rate/short", Rating("5"))).StatusCode);

        var (ticket, link) = await ResolvedAsync();
        service.Host.Time.Advance(TimeSpan.FromDays(30));
        using var expired = await Resident.PostAsync($"/rate/{link}", Rating("5"));
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Equal("resolved", (await service.GetAsync(ticket)).Text("status"));
    }

    [Fact]
    public async Task A_bad_rating_through_the_link_reopens_for_rectification_and_the_next_resolution_issues_a_new_link()
    {
        var (ticket, link) = await ResolvedAsync();
        using var rated = await Resident.PostAsync($"/rate/{link}", Rating("2", "没有解决"));
        Assert.Equal(HttpStatusCode.OK, rated.StatusCode);
        Assert.Equal(("reopened", 1), ((await service.GetAsync(ticket)).Text("status"), (await service.GetAsync(ticket)).GetProperty("reopenCount").GetInt32()));

        await service.ActAsync(County.A, ticket, "resolve", new { resolution = "已重新疏通" });
        var links = (await service.EventsAsync(ticket))
            .Where(e => e.Body.TryGetProperty("ratingLink", out var l) && l.ValueKind == System.Text.Json.JsonValueKind.String)
            .Select(e => e.Body.Text("ratingLink")).ToList();
        Assert.Equal(2, links.Distinct().Count());
        Assert.Equal(HttpStatusCode.NotFound, (await Resident.GetAsync($"/rate/{link}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Resident.GetAsync($"/rate/{links[^1]}")).StatusCode);
    }
}
