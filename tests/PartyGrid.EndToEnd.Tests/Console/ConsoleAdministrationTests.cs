using System.Net;
using Microsoft.Playwright;
using PartyGrid.EndToEnd.Tests.SignIn;
using PartyGrid.Testing;
using Xunit;
using static PartyGrid.EndToEnd.Tests.Console.ConsoleBrowser;

namespace PartyGrid.EndToEnd.Tests.Console;

/// <summary>The organisation department's pages: the tree with its sites and terms, staff accounts and members, in Chromium.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ConsoleAdministrationTests(PartyGridApp app)
{
    private readonly Organisations organisations = new(app);
    private readonly StaffSignIn staff = new(app);

    private Task<(Guid Township, Guid Village)> SitesAsync(string prefix) =>
        organisations.TownshipAndVillageAsync($"{prefix}县", $"{prefix}镇", $"{prefix}村", "members");

    [Fact]
    public async Task A_township_org_admin_sets_a_villages_site_records_its_election_and_opens_and_disables_an_account()
    {
        var (township, village) = await SitesAsync("阵地");
        var head = await staff.CreateAccountAsync(township, ["org-admin"]);
        await using var browser = await StartAsync(app);
        var page = await browser.SignInAsync(head.UserName, "/organisations");

        // The tree opens at my township; its village is read when the township is expanded.
        await Assertions.Expect(page.GetByTestId("org-name")).ToHaveTextAsync("阵地镇");
        await page.GetByTestId("organisation-tree").Locator(".el-tree-node__expand-icon").First.ClickAsync();
        var tree = page.GetByTestId("organisation-tree");
        await tree.GetByText("阵地村", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("org-name")).ToHaveTextAsync("阵地村");
        await AssertAccessibleAsync(page, "the organisations page");

        // The site: the service names the missing phone at its field, then takes the site.
        await page.GetByTestId("site-edit").ClickAsync();
        await Field(page, "site-form-name").FillAsync("阵地村党群服务中心");
        await Field(page, "site-form-address").FillAsync("阵地村村委会一楼");
        await Field(page, "site-form-hours").FillAsync("工作日 8:30-17:30");
        await page.GetByTestId("site-save").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog).Locator(".el-form-item__error")).ToHaveTextAsync("请填写联系电话（不超过 40 字）");
        await Field(page, "site-form-phone").FillAsync("0851-22345678");
        await page.GetByTestId("site-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("site-name")).ToHaveTextAsync("阵地村党群服务中心");
        await Assertions.Expect(page.GetByTestId("site-open")).ToHaveTextAsync("开放");

        // An election five years ago this spring: the term ends within six months, and says so.
        var electedOn = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddYears(-5).AddMonths(2);
        await page.GetByTestId("term-elect").ClickAsync();
        await Field(page, "term-form-date").FillAsync(electedOn.ToString("yyyy-MM-dd"));
        await Field(page, "term-form-date").PressAsync("Enter");
        await Field(page, "term-form-committee").FillAsync("张三、李四");
        await page.GetByTestId("term-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("term-expires")).ToHaveTextAsync(electedOn.AddYears(5).ToString("yyyy-MM-dd"));
        await Assertions.Expect(page.GetByTestId("term-tone")).ToHaveTextAsync("即将届满");
        await ShotAsync(page, "organisations");

        // The township's coverage counts the village's open site.
        await tree.GetByText("阵地镇", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("coverage-village").GetByTestId("coverage-rate")).ToHaveTextAsync("100.0%");

        // A clerk's account for the village: its one-time password is shown once; then it is disabled.
        await page.GetByTestId("nav-staff").ClickAsync();
        await page.GetByTestId("staff-new").ClickAsync();
        var userName = $"clerk{Guid.NewGuid():N}"[..16];
        await Field(page, "staff-form-user-name").FillAsync(userName);
        await Field(page, "staff-form-display-name").FillAsync("李文书");
        await ChooseAsync(page, "staff-form-org", "阵地村");
        await page.GetByTestId("staff-save").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog, new() { Name = "新建账号" })).ToBeHiddenAsync();
        var password = (await page.GetByTestId("one-time-password").TextContentAsync())!.Trim();
        Assert.True(password.Length >= 12, "a one-time password worth the name");
        await AssertAccessibleAsync(page, "the one-time password");
        await page.GetByTestId("one-time-password-done").ClickAsync();
        var row = page.Locator("tr", new PageLocatorOptions { Has = page.GetByTestId($"staff-{userName}") });
        await Assertions.Expect(row.GetByTestId("staff-status")).ToHaveTextAsync("正常");
        await AssertAccessibleAsync(page, "the staff accounts page");
        await ShotAsync(page, "staff");
        await row.GetByTestId("staff-toggle").ClickAsync();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "停用", Exact = true }).Last.ClickAsync();
        await Assertions.Expect(row.GetByTestId("staff-status")).ToHaveTextAsync("已停用");

        // The identity service holds it disabled, not just the page.
        var accounts = await Json.ReadAsync(await organisations.SendAsync(HttpMethod.Get, $"/api/v1/staff?search={userName}"), HttpStatusCode.OK);
        Assert.Equal("disabled", Assert.Single(accounts.GetProperty("items").EnumerateArray()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_pii_reader_sees_members_masked_reveals_one_with_a_reason_that_is_recorded_and_the_township_approves_a_transfer()
    {
        var (township, village) = await SitesAsync("名册");
        var (body, idNumber, phone, name, _) = MembersTests.NewMember(village, 7);
        var member = await Json.ReadAsync(await organisations.SendAsAsync(village, ["org-admin"], HttpMethod.Post, "/api/v1/members", body), HttpStatusCode.Created);
        var other = (await organisations.RegisterAsync("名册二村", "village", "branch", township)).Id();
        await Eventually.Until(() => new ServiceDatabases(app).ProjectedOrganisationAsync("members", other), r => r is not null, what: "members projection");
        var transfer = await Json.ReadAsync(await organisations.SendAsAsync(village, ["org-admin"], HttpMethod.Post, "/api/v1/transfers",
            new { memberId = member.Id(), toOrgId = other, reason = "婚嫁迁入名册二村", validDays = 90 }), HttpStatusCode.Created);
        await Json.ReadAsync(await organisations.SendAsAsync(village, ["org-admin"], HttpMethod.Post, $"/api/v1/transfers/{transfer.Id()}/approve", new { comment = "同意" }), HttpStatusCode.OK);

        var reader = await staff.CreateAccountAsync(township, ["org-admin", "pii-reader"]);
        await using var browser = await StartAsync(app);
        var page = await browser.SignInAsync(reader.UserName, "/members", enrolsSecondFactor: true);
        var row = page.Locator("tr", new PageLocatorOptions { Has = page.GetByText(name, new PageGetByTextOptions { Exact = true }) });
        await Assertions.Expect(row.GetByTestId("member-id-number")).ToHaveTextAsync($"{idNumber[..4]}**********{idNumber[^4..]}");
        await Assertions.Expect(row.GetByTestId("member-phone")).ToHaveTextAsync($"{phone[..3]}****{phone[^4..]}");
        await AssertAccessibleAsync(page, "the members list");
        await ShotAsync(page, "members");

        await row.GetByTestId("member-reveal").ClickAsync();
        await page.GetByTestId("reveal-confirm").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog).Locator(".el-form-item__error")).ToHaveTextAsync("请填写查看原因");
        await Field(page, "reveal-reason").FillAsync("核对组织关系转接材料");
        await page.GetByTestId("reveal-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("revealed-id-number")).ToHaveTextAsync(idNumber);
        await Assertions.Expect(page.GetByTestId("revealed-phone")).ToHaveTextAsync(phone);
        await AssertAccessibleAsync(page, "the revealed personal data");
        var audit = await Json.ReadAsync(await organisations.SendAsync(HttpMethod.Get, $"/api/v1/members/personal-data-access?memberId={member.Id()}"), HttpStatusCode.OK);
        Assert.Equal(["reveal:核对组织关系转接材料"],
            audit.GetProperty("items").EnumerateArray().Select(e => $"{e.GetProperty("use").GetString()}:{e.GetProperty("reason").GetString()}"));
        await page.Keyboard.PressAsync("Escape");

        // The transfer now waits for the township: approved here, it leaves the inbox and moves on.
        await page.GotoAsync(browser.Url("/members?tab=transfers"));
        var waiting = page.Locator("tr", new PageLocatorOptions { Has = page.GetByText("婚嫁迁入名册二村") });
        await AssertAccessibleAsync(page, "the transfers awaiting a decision");
        await waiting.GetByTestId("transfer-approve").ClickAsync();
        await Assertions.Expect(waiting).ToHaveCountAsync(0);
        var after = await Json.ReadAsync(await organisations.SendAsync(HttpMethod.Get, $"/api/v1/transfers/{transfer.Id()}"), HttpStatusCode.OK);
        Assert.NotEqual(township, after.GetProperty("awaitingOrgId").GetGuid());

        await page.GotoAsync(browser.Url("/members?tab=mobile"));
        await Assertions.Expect(page.GetByTestId("transfer-prompts")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "the mobile members' prompts");
    }

    [Fact]
    public async Task A_village_clerk_records_a_pairing_activity_and_sees_its_commitment_progress()
    {
        var county = (await organisations.RegisterAsync("结对县", "county", "committee", null)).Id();
        var street = (await organisations.RegisterAsync("结对街道", "township", "committee", county, "urban")).Id();
        var community = (await organisations.RegisterAsync("结对社区", "village", "branch", street, "urban")).Id();
        var township = (await organisations.RegisterAsync("结对镇", "township", "committee", county)).Id();
        var village = (await organisations.RegisterAsync("结对村", "village", "branch", township)).Id();
        await Eventually.Until(() => new ServiceDatabases(app).ProjectedOrganisationAsync("pairing", village), r => r is not null, what: "pairing projection");
        var pairing = await Json.ReadAsync(await organisations.SendAsAsync(street, ["org-admin"], HttpMethod.Post, "/api/v1/pairings", new
        {
            urbanOrgId = community, ruralOrgId = village, startsOn = "2026-01-01", endsOn = "2027-12-31",
            commitments = new[] { new { kind = "funds", description = "产业帮扶资金", target = 80000, unit = "元", dueOn = "2027-06-30" } },
        }), HttpStatusCode.Created);
        await Json.ReadAsync(await organisations.SendAsAsync(village, ["org-admin"], HttpMethod.Post, $"/api/v1/pairings/{pairing.Id()}/activate", new { }), HttpStatusCode.OK);

        var clerk = await staff.CreateAccountAsync(village, ["staff"]);
        await using var browser = await StartAsync(app);
        var page = await browser.SignInAsync(clerk.UserName, "/pairings");
        await AssertAccessibleAsync(page, "the pairings list");
        await page.GetByTestId("pairing-link").ClickAsync();
        await Assertions.Expect(page.GetByTestId("pairing-title")).ToHaveTextAsync("结对社区 ⇄ 结对村");

        // The service names what is missing (the day), then counts the funds towards the commitment.
        await page.GetByTestId("activity-new").ClickAsync();
        await ChooseAsync(page, "activity-kind", "帮扶资金");
        await ChooseAsync(page, "activity-commitment", "帮扶资金（80000 元）");
        await Field(page, "activity-amount").FillAsync("20000");
        await Field(page, "activity-description").FillAsync("社区捐赠农机一台");
        await page.GetByTestId("activity-save").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog).Locator(".el-form-item__error")).ToHaveTextAsync("请选择活动日期（不能晚于今天）");
        await Field(page, "activity-date").FillAsync("2026-05-10");
        await Field(page, "activity-date").PressAsync("Enter");
        await page.GetByTestId("activity-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("activity-text")).ToHaveTextAsync(["社区捐赠农机一台"]);
        await Assertions.Expect(page.GetByTestId("commitment-funds")).ToContainTextAsync("20000 / 80000 元");
        await Assertions.Expect(page.GetByTestId("commitment-funds").GetByRole(AriaRole.Progressbar)).ToHaveAttributeAsync("aria-valuenow", "25");
        await AssertAccessibleAsync(page, "the pairing page");
        await ShotAsync(page, "pairing");
    }
}
