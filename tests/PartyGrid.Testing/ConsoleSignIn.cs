using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;

namespace PartyGrid.Testing;

/// <summary>
/// The staff console's side of OpenID Connect over plain HTTP, as the console does it: authorization
/// code with PKCE for the public client <c>partygrid-console</c> (redirect <c>{gateway}/callback</c>),
/// the code traded for tokens, refresh — all through the gateway's one origin.
/// </summary>
public sealed class ConsoleSignIn(HttpClient gateway)
{
    public const string ClientId = "partygrid-console";

    public sealed record Tokens(string AccessToken, string RefreshToken, string IdToken);

    public sealed record TokenAnswer(HttpStatusCode Status, string Body);

    public string RedirectUri => new Uri(gateway.BaseAddress!, "/callback").ToString();

    public HttpBrowser Browser() => new(gateway.BaseAddress!, RedirectUri);

    /// <summary>The authorize request a console makes, with its PKCE verifier and state.</summary>
    public (string Url, string Verifier, string State) AuthorizeRequest()
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier)));
        var state = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
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

    /// <summary>
    /// Signs in with user name and password (and the second factor, when <paramref name="totpKey"/> is
    /// given); <paramref name="exchange"/> is the code-for-tokens step, so a caller can time it alone.
    /// </summary>
    public async Task<Tokens> SignInAsync(string userName, string password, string? totpKey = null, Func<string, string, Task<Tokens>>? exchange = null)
    {
        using var browser = Browser();
        var (url, verifier, state) = AuthorizeRequest();
        await browser.GoAsync(url);
        Expect(browser.Shows("login-form"), $"expected the login page, got {browser.Status} at {browser.Current}");
        await browser.SubmitAsync(new Dictionary<string, string> { ["UserName"] = userName, ["Password"] = password });
        if (totpKey is not null)
        {
            Expect(browser.Shows("second-factor-form"), $"expected the second-factor page, got {browser.Current}");
            await browser.SubmitAsync(new Dictionary<string, string> { ["Code"] = Totp.Code(totpKey, DateTimeOffset.UtcNow) });
        }

        var code = CodeFrom(browser, state);
        return await (exchange ?? ExchangeCodeAsync)(code, verifier);
    }

    /// <summary>The code the identity service sent the browser back with, after checking the state.</summary>
    public static string CodeFrom(HttpBrowser browser, string state)
    {
        Expect(browser.Arrived is not null, $"sign-in did not come back to the console: {browser.Status} at {browser.Current}: {browser.Text("login-error")}");
        var query = QueryHelpers.ParseQuery(browser.Arrived!.Query);
        Expect(query["state"].ToString() == state, "the state came back changed");
        return query["code"].ToString();
    }

    public async Task<Tokens> ExchangeCodeAsync(string code, string verifier) =>
        TokensFrom(await TokenRequestAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = ClientId,
            ["code"] = code,
            ["redirect_uri"] = RedirectUri,
            ["code_verifier"] = verifier,
        }));

    public async Task<Tokens> RefreshAsync(string refreshToken) => TokensFrom(await RefreshRequestAsync(refreshToken));

    public Task<TokenAnswer> RefreshRequestAsync(string refreshToken) =>
        TokenRequestAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = ClientId,
            ["refresh_token"] = refreshToken,
        });

    public async Task<TokenAnswer> TokenRequestAsync(Dictionary<string, string> form)
    {
        using var response = await gateway.PostAsync("/identity/connect/token", new FormUrlEncodedContent(form));
        return new TokenAnswer(response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static Tokens TokensFrom(TokenAnswer answer)
    {
        Expect(answer.Status == HttpStatusCode.OK, $"token endpoint: {(int)answer.Status} {answer.Body}");
        using var json = JsonDocument.Parse(answer.Body);
        var root = json.RootElement;
        return new Tokens(
            root.GetProperty("access_token").GetString()!,
            root.GetProperty("refresh_token").GetString()!,
            root.TryGetProperty("id_token", out var id) ? id.GetString()! : string.Empty);
    }

    private static void Expect(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
