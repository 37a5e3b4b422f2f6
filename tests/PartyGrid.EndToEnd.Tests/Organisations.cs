using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
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
