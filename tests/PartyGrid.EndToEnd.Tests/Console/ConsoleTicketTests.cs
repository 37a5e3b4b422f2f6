using System.Text.Json;
using Microsoft.Playwright;
using PartyGrid.EndToEnd.Tests.SignIn;
using PartyGrid.Testing;
using Xunit;
using static PartyGrid.EndToEnd.Tests.Console.ConsoleBrowser;

namespace PartyGrid.EndToEnd.Tests.Console;

/// <summary>A matter's way through the console as staff meet it, in Chromium against the whole app.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ConsoleTicketTests(PartyGridApp app)
{
    private readonly Organisations organisations = new(app);
    private readonly StaffSignIn staff = new(app);

    private Task<(Guid Township, Guid Village)> SitesAsync(string county, string township, string village) =>
        organisations.TownshipAndVillageAsync(county, township, village, "tickets");

    private static ILocator Row(IPage page, string number) =>
        page.Locator("tr", new PageLocatorOptions { Has = page.GetByTestId($"ticket-link-{number}") });

    private static async Task ActAsync(IPage page, string action, string? text = null)
    {
        await page.GetByTestId($"action-{action}").ClickAsync();
        if (text is not null)
        {
            await Field(page, "action-text").FillAsync(text);
        }

        await page.GetByTestId("action-confirm").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_matter_is_taken_in_escalated_resolved_rated_badly_and_comes_back_to_the_queue()
    {
        var (township, village) = await SitesAsync("控制台县", "控制台镇", "控制台村");
        var clerk = await staff.CreateAccountAsync(village, ["staff"]);
        var window = await staff.CreateAccountAsync(township, ["staff"]);
        var head = await staff.CreateAccountAsync(township, ["org-admin"]);
        await using var browser = await StartAsync(app);

        // The village clerk takes a matter in; the API's judgement of the phone shows at the field first.
        var page = await browser.SignInAsync(clerk.UserName);
        await AssertAccessibleAsync(page, "the queue");
        await page.GetByTestId("new-ticket").ClickAsync();
        await ChooseAsync(page, "intake-category", "纠纷调解");
        await ChooseAsync(page, "intake-item", "邻里纠纷调解");
        await Field(page, "intake-title").FillAsync("邻里排水沟堵塞纠纷");
        await Field(page, "intake-description").FillAsync("两户因排水沟堵塞发生争执，请求村里调解。");
        await Field(page, "intake-requester-name").FillAsync("王秀英");
        await Field(page, "intake-requester-phone").FillAsync("12345");
        await AssertAccessibleAsync(page, "the intake form");
        await ShotAsync(page, "intake");
        await page.GetByTestId("intake-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("field-requester-phone").Locator(".el-form-item__error")).ToHaveTextAsync("请填写 11 位手机号，或带区号的固定电话");
        Assert.EndsWith("/tickets/new", page.Url, StringComparison.Ordinal);

        await Field(page, "intake-requester-phone").FillAsync("13885212345");
        await page.GetByTestId("intake-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("ticket-notice")).ToContainTextAsync("事项已受理");
        var number = (await page.GetByTestId("ticket-number").TextContentAsync())!.Trim();
        var ticketId = new Uri(page.Url).AbsolutePath.Split('/')[^1];
        await Assertions.Expect(page.GetByTestId("ticket-status")).ToHaveTextAsync("待签收");
        await AssertAccessibleAsync(page, "the ticket page");
        await ShotAsync(page, "ticket");

        // The printable receipt for the resident: the number to quote and a QR code.
        await page.GotoAsync(browser.Url($"/tickets/{ticketId}/receipt"));
        await Assertions.Expect(page.GetByTestId("receipt-number")).ToHaveTextAsync(number);
        await Assertions.Expect(page.GetByTestId("receipt-qr")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "the receipt");
        await ShotAsync(page, "receipt");
        await page.GoBackAsync();

        // In the queue with a green badge counting working days or hours left to respond.
        await page.GetByTestId("nav-queue").ClickAsync();
        var row = Row(page, number);
        await Assertions.Expect(row.GetByTestId("ticket-title")).ToHaveTextAsync("邻里排水沟堵塞纠纷");
        await Assertions.Expect(row.GetByTestId("deadline-badge")).ToHaveAttributeAsync("data-tone", "ok");
        await Assertions.Expect(row.GetByTestId("deadline-badge")).ToContainTextAsync("签收剩");
        await ShotAsync(page, "queue");

        // At a phone's width the queue is a list of cards, with the same badge.
        await page.SetViewportSizeAsync(390, 844);
        var card = page.GetByTestId("ticket-card").Filter(new LocatorFilterOptions { Has = page.GetByTestId($"ticket-link-{number}") });
        await Assertions.Expect(card.GetByTestId("deadline-badge")).ToContainTextAsync("签收剩");
        await AssertAccessibleAsync(page, "the queue at phone width");
        await page.SetViewportSizeAsync(1280, 900);

        // The clerk accepts and escalates: the matter is beyond the village.
        await page.GetByTestId($"ticket-link-{number}").ClickAsync();
        await ActAsync(page, "accept");
        await Assertions.Expect(page.GetByTestId("ticket-status")).ToHaveTextAsync("已签收");
        await ActAsync(page, "escalate", "涉及相邻村排水规划，超出村级权限");
        await Assertions.Expect(page.GetByTestId("ticket-site")).ToHaveTextAsync("控制台镇");
        await Assertions.Expect(page.GetByTestId("action-accept")).ToHaveCountAsync(0);

        // The township window finds it in its queue and resolves it.
        var townshipPage = await browser.SignInAsync(window.UserName);
        await townshipPage.GetByTestId($"ticket-link-{number}").ClickAsync();
        await ActAsync(townshipPage, "accept");
        await ActAsync(townshipPage, "resolve", "镇水利站疏通排水沟并划定维护责任，双方认可。");
        await Assertions.Expect(townshipPage.GetByTestId("ticket-status")).ToHaveTextAsync("已办结");
        await Assertions.Expect(townshipPage.GetByTestId("action-rate")).ToHaveCountAsync(0);

        // The village records the resident's bad rating: the ticket reopens for rectification at the township.
        await page.ReloadAsync();
        await page.GetByTestId("action-rate").ClickAsync();
        await page.GetByTestId("score-2").ClickAsync();
        await Field(page, "action-text").FillAsync("排水沟两天后又堵了");
        await page.GetByTestId("action-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("ticket-status")).ToHaveTextAsync("整改中");

        await townshipPage.GotoAsync(browser.Url("/tickets?status=reopened"));
        await Assertions.Expect(Row(townshipPage, number).GetByTestId("ticket-status")).ToHaveTextAsync("整改中");

        // Its Excel export, as the browser saves it, holds exactly the tickets the API lists for that filter.
        var (fileName, sheet) = await DownloadAsync(townshipPage, "export-tickets");
        Assert.StartsWith("工单-", fileName, StringComparison.Ordinal);
        var (_, listed) = await FetchAsync(townshipPage, $"/api/v1/tickets?orgId={township}&subtree=true&status=reopened&limit=200");
        Assert.Equal(listed.GetProperty("items").EnumerateArray().Select(t => t.Text("number")), sheet.Skip(1).Select(r => r[0]));
        var exported = sheet.Single(r => r[0] == number);
        Assert.Equal(("邻里排水沟堵塞纠纷", "控制台村", "控制台镇", "整改中", "138****2345"), (exported[1], exported[4], exported[5], exported[7], exported[11]));

        await townshipPage.GotoAsync(browser.Url($"/tickets/{ticketId}"));
        await Assertions.Expect(townshipPage.GetByTestId("timeline-action")).ToHaveTextAsync(["受理", "签收", "上报", "签收", "办结", "重新办理"]);

        // The township head lands on the league, opens the village and lists the ticket behind its escalations.
        var headPage = await browser.SignInAsync(head.UserName, "/", landsOn: "/assessment");
        var villageRow = headPage.GetByTestId($"league-{village}");
        await Assertions.Expect(villageRow.GetByTestId("league-name")).ToHaveTextAsync("控制台村");
        await AssertAccessibleAsync(headPage, "the assessment page");
        var (leagueFile, leagueSheet) = await DownloadAsync(headPage, "export-league");
        Assert.StartsWith("排名-控制台镇-", leagueFile, StringComparison.Ordinal);
        var (_, league) = await FetchAsync(headPage, $"/api/v1/assessments/{township}/league");
        Assert.Equal(league.GetProperty("items").EnumerateArray().Select(e => e.Text("name")), leagueSheet.Skip(1).Select(r => r[1]));
        await villageRow.GetByTestId("league-name").ClickAsync();
        await Assertions.Expect(headPage.GetByTestId("assessment-name")).ToHaveTextAsync("控制台村");
        await Eventually.Until(
            async () =>
            {
                await headPage.ReloadAsync();
                return await headPage.GetByTestId("indicator-escalationRate").GetByTestId("indicator-value").TextContentAsync();
            },
            text => text == "100.0%",
            what: "the village's escalation in its scorecard");
        var (_, scorecard) = await DownloadAsync(headPage, "export-scorecard");
        Assert.Contains(scorecard, r => r is ["指标", "上报率", "1"]);
        Assert.Contains(scorecard, r => r is ["概况", "组织", "控制台村"]);
        await headPage.GetByTestId("count-escalated").ClickAsync();
        await Assertions.Expect(headPage.GetByTestId("behind-number")).ToHaveTextAsync([number]);
        await ShotAsync(headPage, "drill-down");
        await headPage.Keyboard.PressAsync("Escape");
        await Assertions.Expect(headPage.GetByRole(AriaRole.Dialog)).ToBeHiddenAsync();
        await ShotAsync(headPage, "assessment");
        await AssertAccessibleAsync(headPage, "the tickets behind a count");
    }

    [Fact]
    public async Task A_viewer_is_offered_no_action_and_the_pages_own_token_cannot_act_either()
    {
        var (_, village) = await SitesAsync("查看县", "查看镇", "查看村");
        var viewer = await staff.CreateAccountAsync(village, ["viewer"]);
        using var created = await organisations.SendAsAsync(village, ["staff"], HttpMethod.Post, "/api/v1/tickets", new
        {
            intakeOrgId = village, category = "consultation", item = "policy-advice", title = "高龄补贴申领咨询", description = "如何申领高龄补贴",
            requester = new { name = "李四", phone = "13985123456" }, channel = "phone",
        });
        var ticket = await Json.ReadAsync(created, System.Net.HttpStatusCode.Created);

        await using var browser = await StartAsync(app);
        var page = await browser.SignInAsync(viewer.UserName, $"/tickets/{ticket.Id()}");
        await Assertions.Expect(page.GetByTestId("ticket-status")).ToHaveTextAsync("待签收");
        await Assertions.Expect(page.GetByTestId("ticket-actions").Locator("button")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("nav-intake")).ToHaveCountAsync(0);

        // The token the page holds, sent straight at the API: refused by the service, not just hidden.
        var (status, _) = await FetchAsync(page, $"/api/v1/tickets/{ticket.Id()}/accept", "POST");
        Assert.Equal(403, status);

        // A page that does not exist says so, in the console's frame.
        await page.GotoAsync(browser.Url("/no-such-page"));
        await Assertions.Expect(page.GetByTestId("not-found")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "the page that does not exist");
    }
}
