using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PartyGrid.ServiceDefaults.Identity;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.Gateway.Tests;

/// <summary>Nothing reaches a service without credentials the gateway can verify.</summary>
[Collection(GatewayCollection.Name)]
public sealed class CredentialTests(GatewayHost gateway)
{
    public static TheoryData<string, string> EveryRoute()
    {
        var data = new TheoryData<string, string>();
        foreach (var route in PublicApi.Routes)
        {
            data.Add(route.Method, route.Concrete);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryRoute))]
    public async Task Every_public_route_without_credentials_is_401(string method, string path)
    {
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        await Problems.AssertAsync(response, HttpStatusCode.Unauthorized, "unauthenticated");
    }

    public static TheoryData<string> BadTokens() =>
        ["expired", "wrong-issuer", "wrong-audience", "wrong-signature", "unknown-key", "old-hs256", "partner-issuer-admin", "alg-none", "garbage"];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_token_that_fails_any_check_is_401(string flaw)
    {
        using var client = gateway.ClientWithToken(Forge(flaw));
        using var response = await client.GetAsync("/api/v1/tickets");
        await Problems.AssertAsync(response, HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task A_good_token_is_let_through_to_the_service()
    {
        // The control for the forgeries above: the same claims, signed properly, pass the gateway
        // and meet the (absent) service, which the gateway reports as 502.
        using var client = gateway.ClientWithToken(Forge("none"));
        using var response = await client.GetAsync("/api/v1/tickets");
        await Problems.AssertAsync(response, HttpStatusCode.BadGateway, "internal-error");
    }

    [Fact]
    public async Task An_unknown_api_key_is_401_even_beside_a_valid_token()
    {
        using var client = gateway.ClientWithToken(GatewayHost.Token(GatewayHost.County, Roles.Admin));
        client.DefaultRequestHeaders.Add("X-Api-Key", "pgk_not-a-key-that-was-ever-issued-0000000");
        using var response = await client.GetAsync("/api/v1/tickets");
        await Problems.AssertAsync(response, HttpStatusCode.Unauthorized, "unauthenticated");
    }

    // The symmetric key every process shared before identity signed with key pairs of its own.
    private const string OldDevelopmentKey = "partygrid-development-signing-key-not-for-production-use-0001";

    private static string Forge(string flaw)
    {
        if (flaw == "alg-none")
        {
            static string Part(object value) => Base64UrlEncoder.Encode(JsonSerializer.Serialize(value));
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            return $"{Part(new { alg = "none", typ = "JWT" })}.{Part(new { iss = TestTokens.StaffIssuer, aud = TestTokens.Audience, sub = "mallory", org = GatewayHost.County, role = "admin", nbf = now, exp = now + 3600 })}.";
        }

        if (flaw == "garbage")
        {
            return "not.a.token";
        }

        var now2 = DateTime.UtcNow;
        SecurityKey key = flaw switch
        {
            "old-hs256" => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(OldDevelopmentKey)),
            "unknown-key" => new RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048)) { KeyId = "someone-elses" },
            "wrong-signature" => new RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048)) { KeyId = TestTokens.StaffKey.KeyId },
            "partner-issuer-admin" => TestTokens.PartnerKey,
            _ => TestTokens.StaffKey,
        };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = flaw switch { "wrong-issuer" => "someone-else", "partner-issuer-admin" => TestTokens.PartnerIssuer, _ => TestTokens.StaffIssuer },
            Audience = flaw == "wrong-audience" ? "another-app" : TestTokens.Audience,
            Subject = new ClaimsIdentity([new Claim("sub", "mallory"), new Claim("org", GatewayHost.County.ToString()), new Claim("role", "admin")]),
            IssuedAt = flaw == "expired" ? now2.AddHours(-2) : now2,
            NotBefore = flaw == "expired" ? now2.AddHours(-2) : now2,
            Expires = flaw == "expired" ? now2.AddHours(-1) : now2.AddHours(1),
            SigningCredentials = new SigningCredentials(key, flaw == "old-hs256" ? SecurityAlgorithms.HmacSha256 : SecurityAlgorithms.RsaSha256),
        });
    }
}
