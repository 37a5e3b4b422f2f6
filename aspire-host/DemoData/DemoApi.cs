using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PartyGrid.ServiceDefaults.Identity;

namespace PartyGrid.DemoData;

/// <summary>
/// The public API as the demo loader calls it: through the gateway, as the people who would do each
/// thing (the county's admin, each site's staff), with an <c>Idempotency-Key</c> on every create so
/// that a second load finds what the first made instead of making it again.
/// </summary>
public sealed class DemoApi(HttpClient gateway, TokenIssuer issuer)
{
    private readonly Dictionary<Guid, string> staffTokens = [];
    private readonly string adminToken = issuer.Issue("demo-loader", "演示数据", Guid.Empty, [Roles.Admin]).Token;

    public sealed record Answer(HttpStatusCode Status, JsonElement Body)
    {
        public bool Ok => (int)Status is >= 200 and < 300;
    }

    public Task<Answer> AsAdminAsync(HttpMethod method, string path, object? body = null, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        SendAsync(adminToken, method, path, body, idempotencyKey, cancellationToken);

    public Task<Answer> AsStaffAsync(Guid organisationId, HttpMethod method, string path, object? body = null, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        string token;
        lock (staffTokens)
        {
            if (!staffTokens.TryGetValue(organisationId, out token!))
            {
                token = issuer.Issue($"demo-staff-{organisationId:N}", "服务站工作人员", organisationId, [Roles.Staff, Roles.OrgAdmin]).Token;
                staffTokens[organisationId] = token;
            }
        }

        return SendAsync(token, method, path, body, idempotencyKey, cancellationToken);
    }

    /// <summary>An answer that must be a success; anything else stops the load with the service's problem.</summary>
    public static JsonElement Expect(Answer answer, string what) =>
        answer.Ok ? answer.Body : throw new InvalidOperationException($"{what}: {(int)answer.Status} {answer.Body}");

    private async Task<Answer> SendAsync(string token, HttpMethod method, string path, object? body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await gateway.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new Answer(response.StatusCode, json);
    }
}
