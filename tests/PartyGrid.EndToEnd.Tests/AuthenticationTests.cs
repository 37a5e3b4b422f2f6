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

    [Theory]
    [InlineData("organisations")]
    [InlineData("members")]
    [InlineData("tickets")]
    [InlineData("pairing")]
    [InlineData("assessment")]
    public async Task Without_credentials_a_service_itself_answers_401(string service)
    {
        using var direct = app.App.CreateHttpClient(service, "http");
        using var response = await direct.GetAsync("/api/v1/organisations/0196a2a0-0000-7000-8000-000000000001");
        await AssertUnauthenticatedAsync(response);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused_by_the_gateway_and_the_service()
    {
        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "partygrid",
            Audience = "partygrid",
            Subject = new ClaimsIdentity([new Claim("sub", "mallory"), new Claim("org", Organisations.AnyOrg.ToString()), new Claim("role", "admin")]),
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes("a-completely-different-signing-key-of-enough-length")), SecurityAlgorithms.HmacSha256),
        });

        foreach (var client in new[] { app.Gateway, app.App.CreateHttpClient("organisations", "http") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/organisations/0196a2a0-0000-7000-8000-000000000001");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", forged);
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
