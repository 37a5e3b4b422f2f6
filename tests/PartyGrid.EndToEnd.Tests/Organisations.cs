using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.EndToEnd.Tests;

/// <summary>The organisations API as a staff client uses it through the gateway.</summary>
public sealed class Organisations(PartyGridApp app)
{
    public static readonly Guid AnyOrg = Guid.Parse("00000000-0000-0000-0000-000000000001");

    public async Task<HttpResponseMessage> RegisterCountyAsync(string code, string name)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/organisations")
        {
            Content = JsonContent.Create(new { code, name, tier = "county", area = "rural", kind = "committee" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(AnyOrg, "admin"));
        return await app.Gateway.SendAsync(request);
    }

    public async Task<(Guid Id, long Version)> RegisterCountyOkAsync(string name)
    {
        using var response = await RegisterCountyAsync($"E2E-{Guid.NewGuid():N}"[..20], name);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (body.RootElement.GetProperty("id").GetGuid(), body.RootElement.GetProperty("version").GetInt64());
    }

    /// <summary>A county, one township and one village under it, once <paramref name="projectedIn"/> knows the village.</summary>
    public async Task<(Guid Township, Guid Village)> TownshipAndVillageAsync(string county, string township, string village, string projectedIn)
    {
        var c = (await RegisterAsync(county, "county", "committee", null)).Id();
        var t = (await RegisterAsync(township, "township", "committee", c)).Id();
        var v = (await RegisterAsync(village, "village", "branch", t)).Id();
        await Eventually.Until(() => new ServiceDatabases(app).ProjectedOrganisationAsync(projectedIn, v), r => r is not null, what: $"{projectedIn} projection");
        return (t, v);
    }

    /// <summary>Registers an organisation as admin and returns its JSON.</summary>
    public async Task<JsonElement> RegisterAsync(string name, string tier, string kind, Guid? parentId, string area = "rural")
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/v1/organisations", new
        {
            code = $"E2E-{Guid.NewGuid():N}"[..20], name, tier, area, kind, parentId,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Any call as admin through the gateway.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null) =>
        SendAsAsync(AnyOrg, ["admin"], method, path, body);

    /// <summary>A call with a token for the given home organisation and roles.</summary>
    public async Task<HttpResponseMessage> SendAsAsync(Guid homeOrg, string[] roles, HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(homeOrg, roles));
        return await app.Gateway.SendAsync(request);
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await SendAsync(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Every item of a paged list (<paramref name="path"/> has a query already), following its cursors.</summary>
    public async Task<List<JsonElement>> AllAsync(string path)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await GetJsonAsync($"{path}&limit=200" + (cursor is null ? string.Empty : $"&cursor={cursor}"));
            items.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null);
        return items;
    }

    public async Task<HttpResponseMessage> RenameAsync(Guid id, string name, long version)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/organisations/{id}")
        {
            Content = JsonContent.Create(new { name }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(AnyOrg, "admin"));
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        return await app.Gateway.SendAsync(request);
    }
}
