using System.Net;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.EndToEnd.Tests.SignIn;

/// <summary>Staff sign in through the gateway with OpenID Connect (code + PKCE) and call the API with what they get.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class SignInTests(PartyGridApp app)
{
    private readonly StaffSignIn signIn = new(app);

    [Fact]
    public async Task Code_flow_with_pkce_gives_tokens_that_call_the_api_refresh_and_die_at_sign_out()
    {
        var township = await signIn.TownshipAsync();
        var account = await signIn.CreateAccountAsync(township, ["staff"]);

        var tokens = await signIn.SignInAsync(account.UserName);
        var access = new JsonWebTokenHandler().ReadJsonWebToken(tokens.AccessToken);
        Assert.Equal("RS256", access.Alg);
        Assert.Equal(new Uri(app.Gateway.BaseAddress!, "/").ToString(), access.Issuer);
        Assert.Equal(account.Id.ToString(), access.Subject);
        Assert.Equal(township.ToString(), access.GetClaim("org").Value);
        Assert.Equal(["staff"], access.Claims.Where(c => c.Type == "role").Select(c => c.Value));
        Assert.InRange(access.ValidTo - access.IssuedAt, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));

        using (var call = await signIn.SendAsync(tokens.AccessToken, HttpMethod.Get, $"/api/v1/organisations/{township}"))
        {
            Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        }

        var refreshed = await signIn.RefreshAsync(tokens.RefreshToken);
        Assert.NotEqual(tokens.RefreshToken, refreshed.RefreshToken);
        using (var call = await signIn.SendAsync(refreshed.AccessToken, HttpMethod.Get, $"/api/v1/tickets?orgId={township}"))
        {
            Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        }

        await signIn.SignOutAsync(refreshed.IdToken.Length > 0 ? refreshed.IdToken : tokens.IdToken);
        var afterSignOut = await signIn.RefreshRequestAsync(refreshed.RefreshToken);
        Assert.Equal(HttpStatusCode.BadRequest, afterSignOut.Status);
        Assert.Equal("invalid_grant", JsonDocument.Parse(afterSignOut.Body).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_replayed_refresh_token_revokes_the_whole_chain()
    {
        var account = await signIn.CreateAccountAsync(await signIn.TownshipAsync(), ["viewer"]);
        var first = await signIn.SignInAsync(account.UserName);
        var second = await signIn.RefreshAsync(first.RefreshToken);

        var replay = await signIn.RefreshRequestAsync(first.RefreshToken);
        Assert.Equal(HttpStatusCode.BadRequest, replay.Status);

        // The thief's replay cost the rightful holder the newer refresh token too.
        var rightful = await signIn.RefreshRequestAsync(second.RefreshToken);
        Assert.Equal(HttpStatusCode.BadRequest, rightful.Status);
    }

    [Fact]
    public async Task A_one_time_password_must_be_changed_at_first_sign_in_and_not_to_itself()
    {
        var account = await signIn.CreateAccountAsync(await signIn.TownshipAsync(), ["staff"], mustChangePassword: true);
        using var browser = signIn.Browser();
        var (url, verifier, state) = signIn.AuthorizeRequest();
        await browser.GoAsync(url);
        await browser.SubmitAsync(new Dictionary<string, string> { ["UserName"] = account.UserName, ["Password"] = StaffSignIn.Password });
        Assert.True(browser.Shows("change-password-form"));

        await browser.SubmitAsync(new Dictionary<string, string> { ["NewPassword"] = StaffSignIn.Password, ["Confirm"] = StaffSignIn.Password });
        Assert.Contains("最近 5 次", browser.Text("change-password-error"), StringComparison.Ordinal);
        await browser.SubmitAsync(new Dictionary<string, string> { ["NewPassword"] = "abcdefgh", ["Confirm"] = "abcdefgh" });
        Assert.Contains("三类", browser.Text("change-password-error"), StringComparison.Ordinal);
        await browser.SubmitAsync(new Dictionary<string, string> { ["NewPassword"] = $"x{account.UserName}-A1", ["Confirm"] = $"x{account.UserName}-A1" });
        Assert.Contains("用户名", browser.Text("change-password-error"), StringComparison.Ordinal);

        await browser.SubmitAsync(new Dictionary<string, string> { ["NewPassword"] = "Xin-Mima-2026", ["Confirm"] = "Xin-Mima-2026" });
        var tokens = await signIn.ExchangeAsync(browser, verifier, state);
        Assert.NotEmpty(tokens.AccessToken);
        await signIn.SignInAsync(account.UserName, "Xin-Mima-2026");
    }

    [Fact]
    public async Task Five_bad_passwords_lock_the_account_and_every_refusal_reads_the_same()
    {
        var township = await signIn.TownshipAsync();
        var account = await signIn.CreateAccountAsync(township, ["staff"]);

        async Task<string?> AttemptAsync(string userName, string password)
        {
            using var browser = signIn.Browser();
            await browser.GoAsync(signIn.AuthorizeRequest().Url);
            await browser.SubmitAsync(new Dictionary<string, string> { ["UserName"] = userName, ["Password"] = password });
            Assert.Null(browser.Arrived);
            return browser.Text("login-error");
        }

        var unknownUser = await AttemptAsync($"nobody-{Guid.NewGuid():N}"[..20], "Whatever-2026");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(unknownUser, await AttemptAsync(account.UserName, $"Wrong-Password-{i}"));
        }

        // Locked: the right password is refused, with the same words.
        Assert.Equal(unknownUser, await AttemptAsync(account.UserName, StaffSignIn.Password));

        var admin = await app.TokenAsync(township, "admin");
        using var audit = await signIn.SendAsync(admin, HttpMethod.Get, $"/api/v1/staff/audit?accountId={account.Id}&action=sign-in&limit=50");
        var outcomes = JsonDocument.Parse(await audit.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray()
            .Select(e => e.GetProperty("outcome").GetString()).ToList();
        Assert.Equal(["failed", "failed", "failed", "failed", "locked-out", "locked-out"], outcomes);
        Assert.All(
            JsonDocument.Parse(await (await signIn.SendAsync(admin, HttpMethod.Get, $"/api/v1/staff/audit?accountId={account.Id}")).Content.ReadAsStringAsync())
                .RootElement.GetProperty("items").EnumerateArray(),
            e => Assert.False(string.IsNullOrEmpty(e.GetProperty("address").GetString())));

        // A manager's reset lifts the lockout.
        using var reset = await signIn.SendAsync(admin, HttpMethod.Post, $"/api/v1/staff/{account.Id}/reset-password");
        var initial = JsonDocument.Parse(await reset.Content.ReadAsStringAsync()).RootElement.GetProperty("initialPassword").GetString()!;
        using var browser = signIn.Browser();
        await browser.GoAsync(signIn.AuthorizeRequest().Url);
        await browser.SubmitAsync(new Dictionary<string, string> { ["UserName"] = account.UserName, ["Password"] = initial });
        Assert.True(browser.Shows("change-password-form"));
    }

    [Fact]
    public async Task An_admin_enrols_a_second_factor_at_first_sign_in_and_needs_it_every_time()
    {
        var admin = await signIn.CreateAccountAsync(await signIn.TownshipAsync(), ["admin"]);
        using var browser = signIn.Browser();
        var (url, verifier, state) = signIn.AuthorizeRequest();
        await browser.GoAsync(url);
        await browser.SubmitAsync(new Dictionary<string, string> { ["UserName"] = admin.UserName, ["Password"] = StaffSignIn.Password });
        Assert.True(browser.Shows("enrol-form"), "an admin without an authenticator is sent to enrol");
        Assert.True(browser.Shows("totp-qr"));
        var key = browser.Text("totp-key")!;

        await browser.SubmitAsync(new Dictionary<string, string> { ["Code"] = "000000" == Totp.Code(key, DateTimeOffset.UtcNow) ? "111111" : "000000" });
        Assert.True(browser.Shows("enrol-error"));
        await browser.SubmitAsync(new Dictionary<string, string> { ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        Assert.True(browser.Shows("recovery-codes"));
        await browser.SubmitAsync(new Dictionary<string, string>(), handler: "Continue");
        await signIn.ExchangeAsync(browser, verifier, state);

        // Next time: the password alone does not sign in.
        using var again = signIn.Browser();
        await again.GoAsync(signIn.AuthorizeRequest().Url);
        await again.SubmitAsync(new Dictionary<string, string> { ["UserName"] = admin.UserName, ["Password"] = StaffSignIn.Password });
        Assert.True(again.Shows("second-factor-form"));
        Assert.Null(again.Arrived);

        // The enrolment page cannot be used to skip the second factor or read the key again.
        await again.GoAsync("/identity/account/enrol");
        Assert.False(again.Shows("totp-key"));
        var tokens = await signIn.SignInAsync(admin.UserName, totpKey: key);
        Assert.Contains("admin", new JsonWebTokenHandler().ReadJsonWebToken(tokens.AccessToken).Claims.Where(c => c.Type == "role").Select(c => c.Value));
    }

    [Fact]
    public async Task A_disabled_account_is_refused_a_refresh_at_once_and_cannot_sign_in()
    {
        var township = await signIn.TownshipAsync();
        var account = await signIn.CreateAccountAsync(township, ["staff"]);
        var tokens = await signIn.SignInAsync(account.UserName);

        using (var disable = await signIn.SendAsync(await app.TokenAsync(township, "org-admin"), HttpMethod.Post, $"/api/v1/staff/{account.Id}/disable"))
        {
            Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        }

        var refresh = await signIn.RefreshRequestAsync(tokens.RefreshToken);
        Assert.Equal(HttpStatusCode.BadRequest, refresh.Status);

        using var browser = signIn.Browser();
        await browser.GoAsync(signIn.AuthorizeRequest().Url);
        await browser.SubmitAsync(new Dictionary<string, string> { ["UserName"] = account.UserName, ["Password"] = StaffSignIn.Password });
        Assert.Null(browser.Arrived);
        Assert.Equal("用户名或密码不正确，或账号已被暂时锁定。", browser.Text("login-error"));
    }

    [Fact]
    public async Task Discovery_and_keys_are_served_through_the_gateway_under_the_public_issuer()
    {
        using var discovery = JsonDocument.Parse(await app.Gateway.GetStringAsync("/.well-known/openid-configuration"));
        var issuer = new Uri(app.Gateway.BaseAddress!, "/").ToString();
        Assert.Equal(issuer, discovery.RootElement.GetProperty("issuer").GetString());
        Assert.Equal($"{issuer}identity/connect/authorize", discovery.RootElement.GetProperty("authorization_endpoint").GetString());
        Assert.DoesNotContain("password", discovery.RootElement.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString()));
        using var keys = JsonDocument.Parse(await app.Gateway.GetStringAsync("/.well-known/jwks"));
        Assert.All(keys.RootElement.GetProperty("keys").EnumerateArray(), k => Assert.Equal("RSA", k.GetProperty("kty").GetString()));
    }
}
