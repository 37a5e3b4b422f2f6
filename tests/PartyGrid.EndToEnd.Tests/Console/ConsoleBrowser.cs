using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using PartyGrid.ServiceDefaults.Import;
using PartyGrid.EndToEnd.Tests.SignIn;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.EndToEnd.Tests.Console;

/// <summary>
/// Debian's Chromium driving the console the gateway serves: one browser for a test, a context (own
/// session storage, own sign-in) per staff member, every page checked by axe as it is visited.
/// </summary>
public sealed class ConsoleBrowser(PartyGridApp app, IPlaywright playwright, IBrowser browser) : IAsyncDisposable
{
    public static async Task<ConsoleBrowser> StartAsync(PartyGridApp app)
    {
        // Two cores run the whole app beside the browser: patience over the defaults (5 s, 30 s), not sleeps.
        Assertions.SetDefaultExpectTimeout(20_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserSignInTests.ChromiumPath(),
            Headless = true,
            Args = ["--no-sandbox"],
        });
        return new ConsoleBrowser(app, playwright, browser);
    }

    public string Url(string path) => new Uri(app.Gateway.BaseAddress!, path).ToString();

    /// <summary>A resident's phone (390 px wide, zh-CN, no account) opening <paramref name="url"/>.</summary>
    public async Task<IPage> PhoneAsync(string url)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(url);
        return page;
    }

    /// <summary>
    /// A new staff member's browser, signed in through the identity pages and back at <paramref name="path"/>
    /// (or where that page sends them: <paramref name="landsOn"/>).
    /// </summary>
    /// <param name="enrolsSecondFactor">The account must enrol an authenticator at its first sign-in (admin, pii-reader): it does, as a person would.</param>
    public async Task<IPage> SignInAsync(string userName, string path = "/tickets", int width = 1280, string? landsOn = null, bool enrolsSecondFactor = false)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
        });
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url(path));
        await page.GetByTestId("login-user-name").FillAsync(userName);
        await page.GetByTestId("login-password").FillAsync(StaffSignIn.Password);
        await page.GetByTestId("login-submit").ClickAsync();
        if (enrolsSecondFactor)
        {
            var key = (await page.GetByTestId("totp-key").TextContentAsync())!.Trim();
            await page.GetByTestId("enrol-code").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
            await page.GetByTestId("enrol-submit").ClickAsync();
            await page.GetByTestId("enrol-continue").ClickAsync();
        }

        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath == (landsOn ?? path), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await page.GetByTestId("signed-in-as").WaitForAsync();
        return page;
    }

    /// <summary>Clicks an export button and opens the workbook the browser saved, with the Open XML SDK.</summary>
    public static async Task<(string Name, List<List<string>> Rows)> DownloadAsync(IPage page, string testId)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId(testId).ClickAsync());
        var path = await download.PathAsync();
        return (download.SuggestedFilename, ImportFiles.ReadXlsx(await File.ReadAllBytesAsync(path)));
    }

    /// <summary>Calls the API from the page with the token the page holds, as its own scripts would.</summary>
    public static async Task<(int Status, JsonElement Body)> FetchAsync(IPage page, string path, string method = "GET")
    {
        var answer = await page.EvaluateAsync<JsonElement>(
            """
            async ([path, method]) => {
              const key = Object.keys(sessionStorage).find((k) => k.startsWith('oidc.user:'));
              const token = JSON.parse(sessionStorage.getItem(key)).access_token;
              const init = { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } };
              if (method !== 'GET') init.body = '{}';
              const response = await fetch(path, init);
              const text = await response.text();
              return { status: response.status, body: text ? JSON.parse(text) : null };
            }
            """,
            new[] { path, method });
        return (answer.GetProperty("status").GetInt32(), answer.GetProperty("body"));
    }

    /// <summary>A text field of an Element Plus input, whether the test id sits on its wrapper or on the control.</summary>
    public static ILocator Field(IPage page, string testId) =>
        page.Locator($"input[data-testid='{testId}'], textarea[data-testid='{testId}'], [data-testid='{testId}'] input, [data-testid='{testId}'] textarea").First;

    /// <summary>Picks an option of an Element Plus select by its text.</summary>
    public static async Task ChooseAsync(IPage page, string testId, string option)
    {
        await page.GetByTestId(testId).ClickAsync();
        await page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = option, Exact = true }).ClickAsync();
    }

    /// <summary>Set to 1 to write the console's screenshots into <c>web/console/docs/</c> (reviewed and committed by hand).</summary>
    public const string ScreenshotsVariable = "PARTYGRID_SCREENSHOTS";

    /// <summary>The page at desktop and at phone width, as the README shows it; only when asked for.</summary>
    public static async Task ShotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable(ScreenshotsVariable) != "1")
        {
            return;
        }

        await SettledAsync(page);
        var folder = Path.Combine(PartyGrid.Testing.RepositoryRoot.Path, "web", "console", "docs");
        Directory.CreateDirectory(folder);
        var size = page.ViewportSize ?? new PageViewportSizeResult { Width = 1280, Height = 900 };
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}-desktop.png"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}-phone.png"), FullPage = true });
        await page.SetViewportSizeAsync(size.Width, size.Height);
    }

    /// <summary>Until no transition is in flight: a dialog fading in or out is half transparent, to the eye and to axe.</summary>
    private static Task SettledAsync(IPage page) =>
        Assertions.Expect(page.Locator(".is-closing, [class*='-leave-active'], [class*='-enter-active']")).ToHaveCountAsync(0);

    /// <summary>No serious or critical accessibility violation on the page once it has settled.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string what)
    {
        await SettledAsync(page);
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"{what}: " + string.Join("; ", bad.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")));
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
