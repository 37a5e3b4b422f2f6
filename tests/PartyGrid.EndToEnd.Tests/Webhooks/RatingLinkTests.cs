using System.Net;
using Microsoft.Playwright;
using PartyGrid.EndToEnd.Tests.Console;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.EndToEnd.Tests.Webhooks;

/// <summary>
/// 好差评 as the resident meets it: the county's SMS platform (a partner) gets the rating link in the
/// <c>ticket.resolved</c> delivery, and the resident opens it on a phone, in Chromium, without an account.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class RatingLinkTests(PartyGridApp app)
{
    private readonly Organisations organisations = new(app);
    private readonly PartnerKeys keys = new(app);

    [Fact]
    public async Task A_rating_of_2_through_the_link_reopens_the_ticket_and_the_same_or_a_forged_link_is_refused()
    {
        await using var receiver = new WebhookReceiver();
        var (township, village) = await organisations.TownshipAndVillageAsync("评价县", "评价镇", "评价村", "tickets");
        await Eventually.Until(() => new ServiceDatabases(app).ProjectedOrganisationAsync("notifications", village), r => r is not null, what: "notifications projection");
        var (_, key) = await keys.CreateAsync(township, ["tickets:write", "tickets:read"]);
        await Json.ReadAsync(await keys.SendAsync(key, HttpMethod.Post, "/api/v1/webhooks", new { url = receiver.Url("sms"), eventTypes = new[] { "ticket.resolved" } }), HttpStatusCode.Created);

        var ticket = (await Json.ReadAsync(await keys.SendAsync(key, HttpMethod.Post, "/api/v1/tickets", PartnerKeyTests.Ticket(village)), HttpStatusCode.Created)).Id();
        foreach (var (action, body) in new (string, object)[] { ("accept", new { }), ("resolve", new { resolution = "已答复缴费标准" }) })
        {
            using var response = await organisations.SendAsAsync(village, ["staff"], HttpMethod.Post, $"/api/v1/tickets/{ticket}/{action}", body);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var delivery = (await receiver.UntilAsync("sms", r => r.Count > 0, "the resolved delivery"))[0];
        var link = delivery.Json.GetProperty("data").Text("ratingUrl");
        Assert.StartsWith(new Uri(app.Gateway.BaseAddress!, "/rate/").ToString(), link, StringComparison.Ordinal);

        await using var browser = await ConsoleBrowser.StartAsync(app);
        var phone = await browser.PhoneAsync(link);
        await Assertions.Expect(phone.GetByTestId("rating-title")).ToHaveTextAsync("医保缴费咨询");
        await Assertions.Expect(phone.GetByTestId("rating-site")).ToHaveTextAsync("办理单位：评价村");
        Assert.DoesNotContain("罗永芬", await phone.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("13985212345", await phone.ContentAsync(), StringComparison.Ordinal);
        await ConsoleBrowser.AssertAccessibleAsync(phone, "the rating page");
        await ConsoleBrowser.ShotAsync(phone, "rating-link");

        // Sent without a score, the page asks for one and nothing changes.
        await phone.EvaluateAsync("document.querySelector('form').noValidate = true");
        await phone.GetByTestId("rating-submit").ClickAsync();
        await Assertions.Expect(phone.GetByTestId("rating-error")).ToHaveTextAsync("请选择满意度（1–5）");

        await phone.GetByTestId("rating-score-2").ClickAsync();
        await phone.GetByTestId("rating-comment").FillAsync("电话没人接，问题没解决");
        await phone.GetByTestId("rating-submit").ClickAsync();
        await Assertions.Expect(phone.GetByTestId("rating-result")).ToContainTextAsync("重新整改");

        using var read = await organisations.SendAsAsync(village, ["staff"], HttpMethod.Get, $"/api/v1/tickets/{ticket}");
        var rated = await Json.ReadAsync(read, HttpStatusCode.OK);
        Assert.Equal(("reopened", 2, "电话没人接，问题没解决"), (rated.Text("status"), rated.GetProperty("rating").GetInt32(), rated.Text("ratingComment")));
        Assert.Contains(rated.GetProperty("timeline").EnumerateArray(), e => e.Text("action") == "reopened" && e.Text("actor") == "requester:rating-link");

        // The same link again, and a forged one: each says so, and the ticket stays as it is.
        var again = await browser.PhoneAsync(link);
        await Assertions.Expect(again.GetByTestId("rating-refused")).ToContainTextAsync("已使用");
        var forged = await browser.PhoneAsync(new Uri(app.Gateway.BaseAddress!, "/rate/" + new string('A', 43)).ToString());
        await Assertions.Expect(forged.GetByTestId("rating-refused")).ToContainTextAsync("未找到");
        using var posted = await app.Gateway.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string> { ["score"] = "5" }));
        Assert.Equal(HttpStatusCode.Conflict, posted.StatusCode);
        using var after = await organisations.SendAsAsync(village, ["staff"], HttpMethod.Get, $"/api/v1/tickets/{ticket}");
        var unchanged = await Json.ReadAsync(after, HttpStatusCode.OK);
        Assert.Equal(("reopened", 2, 1), (unchanged.Text("status"), unchanged.GetProperty("rating").GetInt32(), unchanged.GetProperty("reopenCount").GetInt32()));
    }
}
