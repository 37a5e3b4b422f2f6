using System.Net;
using PartyGrid.Testing;

namespace PartyGrid.EndToEnd.Tests;

/// <summary>Partner API keys as an admin issues them and a partner system uses them, through the gateway.</summary>
public sealed class PartnerKeys(PartyGridApp app)
{
    private readonly Organisations organisations = new(app);

    /// <summary>Issues a key once the gateway's projection holds the organisation (until then the gateway answers 400).</summary>
    public async Task<(Guid Id, string Key)> CreateAsync(Guid orgId, string[] scopes, int? requestsPerMinute = null)
    {
        using var response = await Eventually.Until(
            () => organisations.SendAsync(HttpMethod.Post, "/api/v1/api-keys", new { name = "12345 热线", orgId, scopes, requestsPerMinute }),
            r => r.StatusCode != HttpStatusCode.BadRequest,
            what: "the organisation in the gateway's projection");
        var body = await Json.ReadAsync(response, HttpStatusCode.Created);
        return (body.Id(), body.Text("key"));
    }

    public Task<HttpResponseMessage> SendAsync(string key, HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = System.Net.Http.Json.JsonContent.Create(body);
        }

        request.Headers.Add("X-Api-Key", key);
        return app.Gateway.SendAsync(request);
    }
}
