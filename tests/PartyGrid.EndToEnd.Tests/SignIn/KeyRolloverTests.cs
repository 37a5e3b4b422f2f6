using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.EndToEnd.Tests.SignIn;

/// <summary>
/// A rollover of the identity service's signing key while everything runs: the successor is in the
/// JWKS before it signs, services take it without a restart, and tokens of the previous key stay good.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class KeyRolloverTests(PartyGridApp app)
{
    [Fact]
    public async Task A_rotated_key_is_published_first_then_signs_and_the_previous_keys_tokens_still_pass()
    {
        var admin = await app.TokenAsync(Organisations.AnyOrg, "admin");
        var previousKid = new JsonWebTokenHandler().ReadJsonWebToken(admin).Kid;
        var before = await ClientCredentialsTokenAsync();
        Assert.Equal(previousKid, new JsonWebTokenHandler().ReadJsonWebToken(before).Kid);

        using var rotate = await SendAsync(app.Gateway, admin, HttpMethod.Post, "/api/v1/signing-keys/rotate");
        var rotated = await Json.ReadAsync(rotate, HttpStatusCode.OK);
        var successor = rotated.Text("id");
        Assert.NotEqual(previousKid, successor);
        Assert.True(rotated.GetProperty("activatesAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);

        // Published at once, before it signs.
        using var jwks = JsonDocument.Parse(await app.Gateway.GetStringAsync("/.well-known/jwks"));
        Assert.Contains(successor, jwks.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()));

        // Once active, OpenIddict's tokens are signed with it, without a restart.
        var after = await Eventually.Until(
            ClientCredentialsTokenAsync, t => new JsonWebTokenHandler().ReadJsonWebToken(t).Kid == successor, TimeSpan.FromSeconds(60), "tokens signed with the successor");

        // A validator that holds only the previous key reads the JWKS again when it first meets the new
        // kid, within that request. (With the production lead of an hour, longer than the validators'
        // five-minute refresh, they hold the successor before it signs; this test's lead is ten seconds.)
        using var direct = app.App.CreateHttpClient("organisations", "http");
        foreach (var client in new[] { direct, app.Gateway })
        {
            using var first = await SendAsync(client, after, HttpMethod.Get, $"/api/v1/organisations/{Organisations.AnyOrg}");
            Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
        }

        // The previous key's tokens are still good until they expire.
        foreach (var client in new[] { app.Gateway, direct })
        {
            using var old = await SendAsync(client, before, HttpMethod.Get, $"/api/v1/organisations/{Organisations.AnyOrg}");
            Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        }
    }

    private async Task<string> ClientCredentialsTokenAsync()
    {
        using var response = await app.Gateway.PostAsync("/identity/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "partygrid-dashboard",
            ["client_secret"] = await app.ParameterAsync("dashboard-client-secret"),
        }));
        var body = await Json.ReadAsync(response, HttpStatusCode.OK);
        return body.Text("access_token");
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string token, HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }
}
