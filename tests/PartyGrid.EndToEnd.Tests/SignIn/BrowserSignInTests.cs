using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;
using Xunit;

namespace PartyGrid.EndToEnd.Tests.SignIn;

/// <summary>
/// The same sign-in in a real browser: Debian's Chromium driven by Playwright, through the gateway's
/// one origin, the zh-CN login page with its anti-forgery token, back to the console's address.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class BrowserSignInTests(PartyGridApp app)
{
    public static string ChromiumPath() =>
        new[] { "/usr/bin/chromium", "/usr/lib/chromium/chromium" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("Debian's chromium package is not installed (infra/install-prerequisites.sh installs it).");

    [Fact]
    public async Task A_clerk_signs_in_with_a_real_browser_and_the_code_buys_a_token_that_calls_the_api()
    {
        var signIn = new StaffSignIn(app);
        var township = await signIn.TownshipAsync();
        var account = await signIn.CreateAccountAsync(township, ["staff"]);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = ["--no-sandbox"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { Locale = "zh-CN" });

        // No console is served at /callback yet: the test stands in for it and reads the code.
        await page.RouteAsync("**/callback?**", route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, Body = "console" }));
        var (url, verifier, state) = signIn.AuthorizeRequest();
        await page.GotoAsync(new Uri(app.Gateway.BaseAddress!, url).ToString());
        Assert.Contains("登录", await page.TitleAsync(), StringComparison.Ordinal);

        await page.GetByTestId("login-user-name").FillAsync(account.UserName);
        await page.GetByTestId("login-password").FillAsync("wrong-password-1");
        await page.GetByTestId("login-submit").ClickAsync();
        Assert.Equal("用户名或密码不正确，或账号已被暂时锁定。", (await page.GetByTestId("login-error").TextContentAsync())?.Trim());

        await page.GetByTestId("login-user-name").FillAsync(account.UserName);
        await page.GetByTestId("login-password").FillAsync(StaffSignIn.Password);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync("**/callback?**");

        var query = QueryHelpers.ParseQuery(new Uri(page.Url).Query);
        Assert.Equal(state, query["state"].ToString());
        var tokens = await signIn.ExchangeCodeAsync(query["code"].ToString(), verifier);
        using var call = await signIn.SendAsync(tokens.AccessToken, HttpMethod.Get, $"/api/v1/organisations/{township}");
        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
    }
}
