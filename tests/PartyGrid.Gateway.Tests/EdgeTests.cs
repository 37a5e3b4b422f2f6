using System.Net;
using System.Text;
using System.Text.Json;
using PartyGrid.ServiceDefaults.Identity;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.Gateway.Tests;

/// <summary>What the gateway does to every request before a service sees it, and to every answer.</summary>
[Collection(GatewayCollection.Name)]
public sealed class EdgeTests(GatewayHost gateway)
{
    [Fact]
    public async Task A_key_over_its_quota_meets_429_with_retry_after_while_another_key_is_unaffected()
    {
        // Six a minute: a bucket of one, refilled every ten seconds.
        var slow = await gateway.CreateKeyAsync(GatewayHost.County, [PartnerScopes.TicketsRead], requestsPerMinute: 6);
        var other = await gateway.CreateKeyAsync(GatewayHost.County, [PartnerScopes.TicketsRead]);
        using var slowClient = gateway.ClientWithKey(slow.Key);
        using var otherClient = gateway.ClientWithKey(other.Key);

        var (limited, statuses) = await UntilLimited.SendAsync(5, () => slowClient.GetAsync("/api/v1/tickets"));

        Assert.True(limited is not null, $"no 429 in {string.Join(", ", statuses)}");
        using (limited)
        {
            await Problems.AssertAsync(limited, HttpStatusCode.TooManyRequests, "rate-limited");
            Assert.InRange(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 10);
        }

        for (var i = 0; i < 5; i++)
        {
            using var response = await otherClient.GetAsync("/api/v1/tickets");
            Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_and_never_forwarded()
    {
        using var client = gateway.ClientWithToken(GatewayHost.Token(GatewayHost.County, Roles.Staff));
        var big = new string('x', (int)GatewayHost.BodyLimit + 1);
        using var response = await client.PostAsync("/api/v1/tickets", new StringContent($"{{\"title\":\"{big}\"}}", Encoding.UTF8, "application/json"));
        await Problems.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");

        // The tree import has room for a county: the same body goes through.
        using var import = await client.PostAsync("/api/v1/organisations/import", new StringContent($"{{\"title\":\"{big}\"}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadGateway, import.StatusCode);
    }

    [Fact]
    public async Task Preflights_from_configured_staff_clients_are_allowed_and_others_are_not()
    {
        using var client = gateway.CreateClient();
        using var allowed = await client.SendAsync(Preflight(GatewayHost.StaffOrigin));
        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal(GatewayHost.StaffOrigin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("authorization", allowed.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);

        using var refused = await client.SendAsync(Preflight("https://evil.example.com"));
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task The_callers_correlation_id_is_echoed_and_a_missing_one_is_the_trace_id()
    {
        using var client = gateway.CreateClient();
        using var sent = new HttpRequestMessage(HttpMethod.Get, "/api/v1/tickets");
        sent.Headers.Add("X-Correlation-Id", "hotline-2026-000123");
        using var echoed = await client.SendAsync(sent);
        Assert.Equal("hotline-2026-000123", echoed.Headers.GetValues("X-Correlation-Id").Single());

        using var bad = new HttpRequestMessage(HttpMethod.Get, "/api/v1/tickets");
        bad.Headers.TryAddWithoutValidation("X-Correlation-Id", "has spaces and <html>");
        using var replaced = await client.SendAsync(bad);
        var generated = replaced.Headers.GetValues("X-Correlation-Id").Single();
        Assert.Matches("^[0-9a-f]{32}$", generated);
        using var problem = JsonDocument.Parse(await replaced.Content.ReadAsStringAsync());
        Assert.Contains(generated, problem.RootElement.GetProperty("traceId").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/tickets")]
    [InlineData("/health")]
    [InlineData("/no-such-path")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        using var client = gateway.CreateClient();
        using var response = await client.GetAsync(path);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task The_gateways_own_errors_are_problems()
    {
        using var client = gateway.ClientWithToken(GatewayHost.Token(GatewayHost.County, Roles.Admin));
        using var unknown = await client.GetAsync("/api/v2/tickets");
        await Problems.AssertAsync(unknown, HttpStatusCode.NotFound, "not-found");
        using var down = await client.GetAsync("/api/v1/pairings");
        await Problems.AssertAsync(down, HttpStatusCode.BadGateway, "internal-error");
    }

    [Fact]
    public async Task The_reference_page_and_the_gateways_document_are_served_without_credentials()
    {
        using var client = gateway.CreateClient();
        var page = await client.GetStringAsync("/docs");
        foreach (var service in Backends.Services.Append(ApiReference.GatewayDocument))
        {
            // Relative to the site's base path, which the page's own script works out.
            Assert.Contains($"\"url\":\"openapi/{service}.json\"", page, StringComparison.Ordinal);
        }

        // The page's script comes from the gateway itself, not a CDN: the reference works offline.
        Assert.Contains("<script src=\"scalar.js\">", page, StringComparison.Ordinal);
        using var script = await client.GetAsync("/docs/scalar.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("javascript", script.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);

        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/gateway.json")).RootElement;
        Assert.StartsWith("3.0", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/api-keys", out var keys));
        Assert.True(keys.TryGetProperty("post", out var create));
        Assert.False(string.IsNullOrWhiteSpace(create.GetProperty("summary").GetString()));
        Assert.True(create.GetProperty("responses").TryGetProperty("401", out _));
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/tickets");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization, content-type");
        return request;
    }
}
