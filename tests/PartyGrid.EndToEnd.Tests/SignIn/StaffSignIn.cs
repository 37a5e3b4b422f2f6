using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PartyGrid.Testing;

namespace PartyGrid.EndToEnd.Tests.SignIn;

/// <summary>
/// Signing in as the console does (<see cref="ConsoleSignIn"/>) against the test's PartyGrid, with
/// staff accounts made through the staff API and organisations for them to live in.
/// </summary>
public sealed class StaffSignIn(PartyGridApp app)
{
    public const string Password = "Qiye-Fuwu-2026!";

    private readonly ConsoleSignIn console = new(app.Gateway);

    public sealed record Account(Guid Id, string UserName, Guid HomeOrganisationId);

    public HttpBrowser Browser() => console.Browser();

    public (string Url, string Verifier, string State) AuthorizeRequest() => console.AuthorizeRequest();

    public Task<ConsoleSignIn.Tokens> SignInAsync(string userName, string password = Password, string? totpKey = null) =>
        console.SignInAsync(userName, password, totpKey);

    /// <summary>Once the browser arrived at the redirect address: checks the state and trades the code for tokens.</summary>
    public Task<ConsoleSignIn.Tokens> ExchangeAsync(HttpBrowser browser, string verifier, string state) =>
        console.ExchangeCodeAsync(ConsoleSignIn.CodeFrom(browser, state), verifier);

    public Task<ConsoleSignIn.Tokens> ExchangeCodeAsync(string code, string verifier) => console.ExchangeCodeAsync(code, verifier);

    public Task<ConsoleSignIn.Tokens> RefreshAsync(string refreshToken) => console.RefreshAsync(refreshToken);

    public Task<ConsoleSignIn.TokenAnswer> RefreshRequestAsync(string refreshToken) => console.RefreshRequestAsync(refreshToken);

    /// <summary>Signs out as the console does: the end-session endpoint with the id token as hint.</summary>
    public async Task<HttpStatusCode> SignOutAsync(string idToken)
    {
        using var browser = Browser();
        await browser.GoAsync(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/identity/connect/endsession", new Dictionary<string, string?>
        {
            ["id_token_hint"] = idToken,
            ["post_logout_redirect_uri"] = new Uri(app.Gateway.BaseAddress!, "/").ToString(),
        }));
        return browser.Status;
    }

    /// <summary>A township for accounts to live in.</summary>
    public async Task<Guid> TownshipAsync()
    {
        var organisations = new Organisations(app);
        var county = await organisations.RegisterAsync("账号县", "county", "committee", null);
        var township = await organisations.RegisterAsync("账号镇", "township", "committee", county.GetProperty("id").GetGuid());
        return township.GetProperty("id").GetGuid();
    }

    /// <summary>Creates an account through the staff API as admin, once the identity service's projection knows its organisation.</summary>
    public async Task<Account> CreateAccountAsync(Guid homeOrg, string[] roles, bool mustChangePassword = false)
    {
        var userName = $"e2e-{Guid.NewGuid():N}"[..20];
        var token = await app.TokenAsync(homeOrg, "admin");
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
}
