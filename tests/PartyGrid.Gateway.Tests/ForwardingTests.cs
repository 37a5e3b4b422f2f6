using System.Net;
using System.Net.Http.Json;
using PartyGrid.ServiceDefaults.Identity;
using Xunit;

namespace PartyGrid.Gateway.Tests;

/// <summary>What a service behind the gateway receives, and what a caller hears when it does not answer.</summary>
public sealed class ForwardingTests(StubbedBackendGateway gateway) : IClassFixture<StubbedBackendGateway>
{
    [Fact]
    public async Task A_staff_request_reaches_its_service_as_it_was_sent()
    {
        var token = GatewayHost.Token(GatewayHost.County, Roles.Staff);
        using var client = gateway.ClientWithToken(token);
        using var response = await client.PostAsJsonAsync("/api/v1/tickets/0196a2a0-0000-7000-8000-0000000000aa/comment?lang=zh", new { text = "已联系" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = await BackendStub.Seen.ReadAsync(response);
        Assert.Equal("POST", seen.Method);
        Assert.Equal("/api/v1/tickets/0196a2a0-0000-7000-8000-0000000000aa/comment", seen.Path);
        Assert.Equal("?lang=zh", seen.Query);
        Assert.Equal($"Bearer {token}", seen.Headers["authorization"]);
        Assert.Equal("已联系", System.Text.Json.JsonDocument.Parse(seen.Body).RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_partner_key_stays_at_the_edge_and_the_service_gets_a_token_instead()
    {
        var key = await gateway.CreateKeyAsync(GatewayHost.County, [PartnerScopes.TicketsRead]);
        using var partner = gateway.ClientWithKey(key.Key);
        using var response = await partner.GetAsync("/api/v1/tickets?limit=5");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = await BackendStub.Seen.ReadAsync(response);
        Assert.Equal("/api/v1/tickets", seen.Path);
        Assert.False(seen.Headers.ContainsKey("x-api-key"), "the partner's key reached the service");
        Assert.DoesNotContain(key.Key, string.Join('\n', seen.Headers.Values), StringComparison.Ordinal);
        var authorization = seen.Headers["authorization"];
        Assert.StartsWith("Bearer ", authorization, StringComparison.Ordinal);
        Assert.Equal(3, authorization["Bearer ".Length..].Split('.').Length);
    }

    [Fact]
    public async Task A_service_that_does_not_answer_in_time_is_a_504()
    {
        using var client = gateway.ClientWithToken(GatewayHost.Token(GatewayHost.County, Roles.Staff));
        using var response = await client.GetAsync(BackendStub.NeverAnswers);

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
    }
}
