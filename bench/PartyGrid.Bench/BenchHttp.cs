using System.Net.Http.Json;
using System.Text.Json;

namespace PartyGrid.Bench;

internal static class BenchHttp
{
    /// <summary>A development token from the identity service through the gateway (only a run with <c>Auth:DevelopmentTokens=true</c> issues them).</summary>
    public static async Task<string> TokenAsync(HttpClient http, Guid? orgId = null, params string[] roles)
    {
        using var response = await http.PostAsJsonAsync("/dev/token", new { sub = "bench", name = "bench", orgId = orgId ?? Guid.Empty, roles = roles.Length == 0 ? ["admin"] : roles });
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString()!;
    }

    public static async Task<string> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? body : throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {body}");
    }

    public static async Task<JsonElement> PostAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(text).RootElement.Clone()
            : throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {text}");
    }
}
