using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace PartyGrid.DemoData;

/// <summary>The demo loader's operator client at the identity service, and the password of the demo accounts it creates.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    public string ClientId { get; set; } = "partygrid-demo";

    public string ClientSecret { get; set; } = string.Empty;

    public string Password { get; set; } = string.Empty;
}

/// <summary>
/// The public API as the demo loader calls it: through the gateway, with the token of its operator
/// client (client credentials, role <c>admin</c>) from the identity service, and an
/// <c>Idempotency-Key</c> on every create so that a second load finds what the first made instead of
/// making it again.
/// </summary>
public sealed class DemoApi(HttpClient gateway, IOptions<DemoOptions> options, TimeProvider time)
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(2);
    private readonly SemaphoreSlim renewing = new(1, 1);
    private (string Token, DateTimeOffset ExpiresAt)? current;

    public sealed record Answer(HttpStatusCode Status, JsonElement Body)
    {
        public bool Ok => (int)Status is >= 200 and < 300;
    }

    public async Task<Answer> AsAdminAsync(HttpMethod method, string path, object? body = null, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        await SendAsync(await TokenAsync(cancellationToken), method, path, body, idempotencyKey, cancellationToken);

    /// <summary>Every item of a cursor-paged list, following <c>nextCursor</c> to the last page.</summary>
    public async Task<List<JsonElement>> AllPagesAsync(string path, string what, CancellationToken cancellationToken)
    {
        var items = new List<JsonElement>();
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        string? cursor = null;
        do
        {
            var page = Expect(await AsAdminAsync(
                HttpMethod.Get, $"{path}{separator}limit=200{(cursor is null ? string.Empty : $"&cursor={cursor}")}", cancellationToken: cancellationToken), what);
            items.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
        }
        while (cursor is not null);

        return items;
    }

    /// <summary>An answer that must be a success; anything else stops the load with the service's problem.</summary>
    public static JsonElement Expect(Answer answer, string what) =>
        answer.Ok ? answer.Body : throw new InvalidOperationException($"{what}: {(int)answer.Status} {answer.Body}");

    private async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        await renewing.WaitAsync(cancellationToken);
        try
        {
            if (current is { } token && token.ExpiresAt - time.GetUtcNow() > RenewBefore)
            {
                return token.Token;
            }

            using var response = await gateway.PostAsync(
                "/identity/connect/token",
                new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "client_credentials",
                    ["client_id"] = options.Value.ClientId,
                    ["client_secret"] = options.Value.ClientSecret,
                }),
                cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"The identity service refused the demo client: {(int)response.StatusCode} {text}");
            }

            using var json = JsonDocument.Parse(text);
            var issued = (json.RootElement.GetProperty("access_token").GetString()!, time.GetUtcNow().AddSeconds(json.RootElement.GetProperty("expires_in").GetInt32()));
            current = issued;
            return issued.Item1;
        }
        finally
        {
            renewing.Release();
        }
    }

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
