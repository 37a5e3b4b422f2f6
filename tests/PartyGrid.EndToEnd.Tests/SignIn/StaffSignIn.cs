using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.EndToEnd.Tests.SignIn;

/// <summary>
/// The staff console's side of OpenID Connect, as the console will do it: authorization code with
/// PKCE for the public client, the code exchanged for tokens, refresh and sign-out — all through the
/// gateway. Also staff accounts made through the staff API, and organisations for them to live in.
/// </summary>
public sealed class StaffSignIn(PartyGridApp app)
{
    public const string ClientId = "partygrid-console";
    public const string Password = "Qiye-Fuwu-2026!";

    public string RedirectUri => new Uri(app.Gateway.BaseAddress!, "/callback").ToString();

    public sealed record Tokens(string AccessToken, string RefreshToken, string IdToken);

    public sealed record Account(Guid Id, string UserName, Guid HomeOrganisationId);

    public HttpBrowser Browser() => new(app.Gateway.BaseAddress!, RedirectUri);

    /// <summary>The authorize request a console makes, with its PKCE verifier.</summary>
    public (string Url, string Verifier, string State) AuthorizeRequest()
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier)));
        var state = Base64Url(RandomNumberGenerator.GetBytes(16));
        var url = QueryHelpers.AddQueryString("/identity/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = ClientId,
            ["redirect_uri"] = RedirectUri,
            ["response_type"] = "code",
            ["scope"] = "openid profile offline_access",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
            ["state"] = state,
        });
        return (url, verifier, state);
    }

    /// <summary>Signs in with user name and password (and the second factor, when <paramref name="totpKey"/> is given) and returns the tokens.</summary>
    public async Task<Tokens> SignInAsync(string userName, string password = Password, string? totpKey = null)
    {
        using var browser = Browser();
        var (url, verifier, state) = AuthorizeRequest();
        await browser.GoAsync(url);
        Assert.True(browser.Shows("login-form"), $"expected the login page, got {browser.Status} at {browser.Current}");
        await browser.SubmitAsync(new Dictionary<string, string> { ["UserName"] = userName, ["Password"] = password });
        if (totpKey is not null)
        {
            Assert.True(browser.Shows("second-factor-form"), $"expected the second-factor page, got {browser.Current}");
            await browser.SubmitAsync(new Dictionary<string, string> { ["Code"] = Totp.Code(totpKey, DateTimeOffset.UtcNow) });
        }

        return await ExchangeAsync(browser, verifier, state);
    }

    /// <summary>Once the browser arrived at the redirect address: checks the state and trades the code for tokens.</summary>
    public async Task<Tokens> ExchangeAsync(HttpBrowser browser, string verifier, string state)
    {
        Assert.True(browser.Arrived is not null, $"sign-in did not come back to the console: {browser.Status} at {browser.Current}: {browser.Text("login-error")}");
        var query = QueryHelpers.ParseQuery(browser.Arrived!.Query);
        Assert.Equal(state, query["state"].ToString());
        return await ExchangeCodeAsync(query["code"].ToString(), verifier);
    }

    public async Task<Tokens> ExchangeCodeAsync(string code, string verifier)
    {
        using var response = await TokenRequestAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = ClientId,
            ["code"] = code,
            ["redirect_uri"] = RedirectUri,
            ["code_verifier"] = verifier,
        });
        return await TokensFromAsync(response);
    }

    public async Task<Tokens> RefreshAsync(string refreshToken)
    {
        using var response = await RefreshRequestAsync(refreshToken);
        return await TokensFromAsync(response);
    }

    public Task<HttpResponseMessage> RefreshRequestAsync(string refreshToken) =>
        TokenRequestAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = ClientId,
            ["refresh_token"] = refreshToken,
        });

    public Task<HttpResponseMessage> TokenRequestAsync(Dictionary<string, string> form) =>
        app.Gateway.PostAsync("/identity/connect/token", new FormUrlEncodedContent(form));

    /// <summary>Signs out as the console does: the end-session endpoint with the id token as hint.</summary>
    public async Task<HttpStatusCode> SignOutAsync(string idToken)
    {
        using var browser = Browser();
        await browser.GoAsync(QueryHelpers.AddQueryString("/identity/connect/endsession", new Dictionary<string, string?>
        {
            ["id_token_hint"] = idToken,
            ["post_logout_redirect_uri"] = new Uri(app.Gateway.BaseAddress!, "/").ToString(),
        }));
        return browser.Status;
    }

    /// <summary>A township for accounts to live in, present in the identity service's projection.</summary>
    public async Task<Guid> TownshipAsync()
    {
        var organisations = new Organisations(app);
        var county = await organisations.RegisterAsync("账号县", "county", "committee", null);
        var township = await organisations.RegisterAsync("账号镇", "township", "committee", county.GetProperty("id").GetGuid());
        return township.GetProperty("id").GetGuid();
    }

    /// <summary>Creates an account through the staff API as the given caller, once the identity service knows its organisation.</summary>
    public async Task<Account> CreateAccountAsync(Guid homeOrg, string[] roles, bool mustChangePassword = false, string? callerToken = null)
    {
        var userName = $"e2e-{Guid.NewGuid():N}"[..20];
        var token = callerToken ?? await app.TokenAsync(homeOrg, "admin");
        var body = await Eventually.Until(
            async () =>
            {
                using var response = await SendAsync(token, HttpMethod.Post, "/api/v1/staff", new
                {
                    userName, displayName = "测试账号", homeOrganisationId = homeOrg, roles, initialPassword = Password, mustChangePassword,
                });
                return (response.StatusCode, Text: await response.Content.ReadAsStringAsync());
            },
            r => r.StatusCode == HttpStatusCode.Created,
            TimeSpan.FromSeconds(60),
            "the identity service to know the organisation and create the account");
        using var json = JsonDocument.Parse(body.Text);
        return new Account(json.RootElement.GetProperty("account").GetProperty("id").GetGuid(), userName, homeOrg);
    }

    public async Task<HttpResponseMessage> SendAsync(string token, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await app.Gateway.SendAsync(request);
    }

    private static async Task<Tokens> TokensFromAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"token endpoint: {(int)response.StatusCode} {text}");
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        return new Tokens(
            root.GetProperty("access_token").GetString()!,
            root.GetProperty("refresh_token").GetString()!,
            root.TryGetProperty("id_token", out var id) ? id.GetString()! : string.Empty);
    }

    private static string Base64Url(byte[] bytes) => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(bytes);
}
