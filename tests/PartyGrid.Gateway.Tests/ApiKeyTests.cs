using System.Net;
using System.Net.Http.Json;
using Npgsql;
using PartyGrid.ServiceDefaults.Identity;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class ApiKeyTests(GatewayHost gateway)
{
    [Fact]
    public async Task A_key_is_shown_once_and_stored_only_as_a_hash()
    {
        var key = await gateway.CreateKeyAsync(GatewayHost.County, [PartnerScopes.TicketsWrite, PartnerScopes.TicketsRead]);
        Assert.StartsWith("pgk_", key.Key, StringComparison.Ordinal);

        using var admin = gateway.Admin();
        var listed = await admin.GetStringAsync("/api/v1/api-keys?limit=200");
        var one = await admin.GetStringAsync($"/api/v1/api-keys/{key.Id}");
        Assert.Contains(key.Id.ToString(), listed, StringComparison.Ordinal);
        Assert.DoesNotContain(key.Key, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(key.Key, one, StringComparison.Ordinal);
        Assert.Contains(key.Key[..10], one, StringComparison.Ordinal);

        await using var connection = new NpgsqlConnection(gateway.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM api_keys WHERE secret_hash = sha256(convert_to(@key, 'UTF8'))", connection);
        command.Parameters.AddWithValue("key", key.Key);
        Assert.Equal(1L, await command.ExecuteScalarAsync());
        await using var plain = new NpgsqlCommand("SELECT count(*) FROM api_keys WHERE hint = @key OR name = @key OR created_by = @key", connection);
        plain.Parameters.AddWithValue("key", key.Key);
        Assert.Equal(0L, await plain.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Only_an_admin_manages_keys()
    {
        var orgAdmin = GatewayHost.Token(GatewayHost.County, Roles.OrgAdmin);
        using var client = gateway.ClientWithToken(orgAdmin);
        using var create = await client.PostAsJsonAsync("/api/v1/api-keys", new { name = "x", orgId = GatewayHost.County, scopes = new[] { "tickets:read" } });
        await Problems.AssertAsync(create, HttpStatusCode.Forbidden, "forbidden");
        using var list = await client.GetAsync("/api/v1/api-keys");
        await Problems.AssertAsync(list, HttpStatusCode.Forbidden, "forbidden");

        // A partner key cannot manage keys either, whatever its scopes.
        var key = await gateway.CreateKeyAsync(GatewayHost.County, [PartnerScopes.TicketsWrite]);
        using var partner = gateway.ClientWithKey(key.Key);
        using var byKey = await partner.GetAsync("/api/v1/api-keys");
        await Problems.AssertAsync(byKey, HttpStatusCode.Forbidden, "scope-missing");
    }

    [Fact]
    public async Task Bad_requests_name_every_bad_field_and_create_nothing()
    {
        using var admin = gateway.Admin();
        var before = await CountAsync();
        using var response = await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "", scopes = new[] { "tickets:delete" }, requestsPerMinute = 0 });
        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "validation-failed");
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "name", "orgId", "scopes", "requestsPerMinute" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }

        // Values of the wrong type are refused at binding, every one named, before any rule runs.
        using var mistyped = await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "k", orgId = "nope", scopes = "tickets:read", requestsPerMinute = "5" });
        var wrong = (await Problems.AssertAsync(mistyped, HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors");
        Assert.Equal(["orgId", "requestsPerMinute", "scopes"], wrong.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_revoked_key_is_401_from_then_on()
    {
        var key = await gateway.CreateKeyAsync(GatewayHost.County, [PartnerScopes.TicketsRead]);
        using var partner = gateway.ClientWithKey(key.Key);
        using (var before = await partner.GetAsync("/api/v1/tickets"))
        {
            // Through the gateway to the (absent) service: the key was good.
            Assert.Equal(HttpStatusCode.BadGateway, before.StatusCode);
        }

        using var admin = gateway.Admin();
        using (var revoke = await admin.DeleteAsync($"/api/v1/api-keys/{key.Id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }

        using var after = await partner.GetAsync("/api/v1/tickets");
        await Problems.AssertAsync(after, HttpStatusCode.Unauthorized, "unauthenticated");
        var shown = await Json.ReadAsync(await admin.GetAsync($"/api/v1/api-keys/{key.Id}"), HttpStatusCode.OK);
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, shown.GetProperty("revokedAt").ValueKind);
    }

    [Theory]
    [InlineData("tickets:read", "POST", "/api/v1/tickets")]
    [InlineData("tickets:write", "GET", "/api/v1/tickets")]
    [InlineData("tickets:write", "GET", "/api/v1/members")]
    [InlineData("organisations:read", "POST", "/api/v1/organisations")]
    [InlineData("organisations:read", "GET", "/api/v1/tickets")]
    [InlineData("tickets:write", "GET", "/api/v1/assessments/0196a2a0-0000-7000-8000-000000000001")]
    public async Task A_key_without_the_scope_is_403_at_the_gateway(string scope, string method, string path)
    {
        using var response = await SendWithKeyAsync(scope, method, path);
        await Problems.AssertAsync(response, HttpStatusCode.Forbidden, "scope-missing");
    }

    [Theory]
    [InlineData("tickets:read", "GET", "/api/v1/tickets")]
    [InlineData("tickets:read", "GET", "/api/v1/ticket-categories")]
    [InlineData("tickets:write", "POST", "/api/v1/tickets")]
    [InlineData("organisations:read", "GET", "/api/v1/organisations/0196a2a0-0000-7000-8000-000000000001")]
    public async Task A_key_with_the_scope_is_let_through(string scope, string method, string path)
    {
        using var response = await SendWithKeyAsync(scope, method, path);
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }

    /// <summary>One request with a fresh key holding only <paramref name="scope"/>.</summary>
    private async Task<HttpResponseMessage> SendWithKeyAsync(string scope, string method, string path)
    {
        var key = await gateway.CreateKeyAsync(GatewayHost.County, [scope]);
        using var partner = gateway.ClientWithKey(key.Key);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { });
        }

        return await partner.SendAsync(request);
    }

    private async Task<long> CountAsync()
    {
        await using var connection = new NpgsqlConnection(gateway.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM api_keys", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_key_cannot_be_issued_for_an_organisation_that_does_not_exist()
    {
        using var admin = gateway.Admin();
        using var response = await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "12345 热线", orgId = Guid.NewGuid(), scopes = new[] { "tickets:read" } });
        var problem = await Json.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("orgId", out _), problem.ToString());
    }
}
