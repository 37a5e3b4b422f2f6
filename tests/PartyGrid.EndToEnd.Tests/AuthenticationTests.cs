using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace PartyGrid.EndToEnd.Tests;

[Collection(EndToEndCollection.Name)]
public sealed class AuthenticationTests(PartyGridApp app)
{
    [Theory]
    [InlineData("/api/v1/organisations/0196a2a0-0000-7000-8000-000000000001")]
    [InlineData("/api/v1/members")]
    [InlineData("/api/v1/tickets")]
    [InlineData("/api/v1/pairings")]
    [InlineData("/api/v1/assessments/0196a2a0-0000-7000-8000-000000000001")]
    public async Task Without_credentials_the_gateway_answers_401_problem(string path)
    {
        using var response = await app.Gateway.GetAsync(path);
        await AssertUnauthenticatedAsync(response);
    }

    /// <summary>Each service on a route it serves itself, so the 401 is its endpoint's, not a missing route's.</summary>
    [Theory]
    [InlineData("organisations", "/api/v1/organisations/0196a2a0-0000-7000-8000-000000000001")]
    [InlineData("members", "/api/v1/members")]
    [InlineData("tickets", "/api/v1/tickets")]
    [InlineData("pairing", "/api/v1/pairings")]
    [InlineData("assessment", "/api/v1/assessments/0196a2a0-0000-7000-8000-000000000001")]
    public async Task Without_credentials_a_service_itself_answers_401(string service, string path)
    {
        using var direct = app.App.CreateHttpClient(service, "http");
        using var response = await direct.GetAsync(path);
        await AssertUnauthenticatedAsync(response);

        // The same route with a token is served: 401 came from authentication, not from routing.
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(Organisations.AnyOrg, "admin"));
        using var authenticated = await direct.SendAsync(request);
        Assert.NotEqual(HttpStatusCode.Unauthorized, authenticated.StatusCode);
        Assert.NotEqual(HttpStatusCode.MethodNotAllowed, authenticated.StatusCode);
    }

    public static TheoryData<string> Forgeries() => ["old-development-key-hs256", "unknown-rsa-key", "alg-none", "partner-issuer-claiming-admin"];

    /// <summary>
    /// Only the identity service's keys make a staff token: not the symmetric key every process once
    /// shared, not a key pair nobody published, not an unsigned token, not the gateway's partner issuer.
    /// </summary>
    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task A_forged_token_is_refused_by_the_gateway_and_by_a_service(string forgery)
    {
        var issuer = new Uri(app.Gateway.BaseAddress!, "/").ToString();
        var claims = new[] { new Claim("sub", "mallory"), new Claim("org", Organisations.AnyOrg.ToString()), new Claim("role", "admin") };
        string token;
        if (forgery == "alg-none")
        {
            static string Part(object value) => Base64UrlEncoder.Encode(JsonSerializer.Serialize(value));
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            token = $"{Part(new { alg = "none", typ = "JWT" })}.{Part(new { iss = issuer, aud = "partygrid", sub = "mallory", org = Organisations.AnyOrg, role = "admin", exp = now + 3600 })}.";
        }
        else
        {
            SigningCredentials credentials = forgery == "old-development-key-hs256"
                ? new(new SymmetricSecurityKey(Encoding.UTF8.GetBytes("partygrid-development-signing-key-not-for-production-use-0001")), SecurityAlgorithms.HmacSha256)
                : new(new RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048)) { KeyId = "mallory" }, SecurityAlgorithms.RsaSha256);
            token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = forgery == "partner-issuer-claiming-admin" ? "partygrid-gateway" : issuer,
                Audience = "partygrid",
                Subject = new ClaimsIdentity(forgery == "partner-issuer-claiming-admin" ? claims.Append(new Claim("key", Guid.NewGuid().ToString())) : claims),
                Expires = DateTime.UtcNow.AddHours(1),
                SigningCredentials = credentials,
            });
        }

        foreach (var client in new[] { app.Gateway, app.App.CreateHttpClient("organisations", "http") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/organisations/0196a2a0-0000-7000-8000-000000000001");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await client.SendAsync(request);
            await AssertUnauthenticatedAsync(response);
        }
    }

    [Fact]
    public async Task A_valid_token_gets_through_the_gateway_to_the_service()
    {
        var token = await app.TokenAsync(Organisations.AnyOrg, "admin");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/organisations/0196a2a0-0000-7000-8000-000000000001");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await app.Gateway.SendAsync(request);

        // Authenticated and routed: the organisations service itself says the id is unknown.
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("not-found", problem.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_gateway_reports_healthy_only_with_every_service_ready()
    {
        using var response = await app.Gateway.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task AssertUnauthenticatedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("unauthenticated", problem.RootElement.GetProperty("code").GetString());
    }
}
