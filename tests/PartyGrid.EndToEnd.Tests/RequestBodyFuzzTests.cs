using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.EndToEnd.Tests;

/// <summary>
/// Every request body of every service, sent through the gateway malformed in each way a client or an
/// attacker could (not JSON, the wrong shape, each field of the documented schema given the wrong
/// type, a huge or tiny number, a huge string, characters outside the BMP, NUL): none is a 500.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class RequestBodyFuzzTests(PartyGridApp app)
{
    private static readonly string[] WholeBodies =
    [
        "not json", "{", "[]", "null", "\"text\"", "12", "{\"a\":" + string.Concat(Enumerable.Repeat("[", 2000)),
        "{\"x\":1,\"x\":2}", "\uFEFF{}",
    ];

    private static readonly JsonNode?[] FieldValues =
    [
        JsonValue.Create(new string('长', 100_000)),
        JsonValue.Create("😀𠀀𝄞\uD800"),
        JsonValue.Create("\u0000"),
        JsonValue.Create(1e308),
        JsonValue.Create(-1e20m),
        JsonValue.Create(0.0000001m),
        JsonValue.Create(99999999999999999999m),
        JsonValue.Create(true),
        new JsonObject { ["deep"] = new JsonArray(1, 2, 3) },
        new JsonArray(JsonValue.Create("a"), null, JsonValue.Create(1)),
        JsonValue.Create("2026-02-30"),
        JsonValue.Create("00000000-0000-0000-0000-000000000000"),
        null,
    ];

    [Fact]
    public async Task No_malformed_body_to_any_endpoint_is_a_500()
    {
        var token = await app.TokenAsync(Guid.Parse("0196a2a0-0000-7000-8000-000000000001"), "admin", "org-admin", "staff", "pii-reader");
        var failures = new List<string>();
        var sent = 0;
        var statuses = new Dictionary<int, int>();
        foreach (var document in OpenApiTests.Documents)
        {
            var openApi = await NSwag.OpenApiDocument.FromJsonAsync(await app.Gateway.GetStringAsync($"/openapi/{document}.json"));
            foreach (var (path, item) in openApi.Paths)
            {
                foreach (var (method, operation) in item)
                {
                    // Operations that read no body (a rebuild, a key rotation, a republish) have nothing to fuzz and effects to avoid.
                    if (method is not ("post" or "put" or "patch") || !path.StartsWith("/api/", StringComparison.Ordinal) || operation.RequestBody is null)
                    {
                        continue;
                    }

                    var concrete = Placeholder().Replace(path.Replace("{period}", "2026-11", StringComparison.Ordinal), "0196a2a0-0000-7000-8000-000000000001");
                    var schema = operation.RequestBody?.Content.Values.FirstOrDefault()?.Schema?.ActualSchema;
                    var bodies = WholeBodies.ToList();
                    foreach (var property in schema?.ActualProperties.Keys ?? [])
                    {
                        bodies.AddRange(FieldValues.Select(value => new JsonObject { [property] = value?.DeepClone() }.ToJsonString()));
                    }

                    foreach (var body in bodies)
                    {
                        using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), concrete)
                        {
                            Content = new StringContent(body, Encoding.UTF8, "application/json"),
                        };
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                        request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
                        request.Headers.Add("X-Reason", Uri.EscapeDataString("模糊测试"));
                        using var response = await app.Gateway.SendAsync(request);
                        sent++;
                        statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
                        if ((int)response.StatusCode >= 500)
                        {
                            failures.Add($"{method.ToUpperInvariant()} {path} {(int)response.StatusCode} ← {(body.Length > 80 ? body[..80] + "…" : body)}");
                        }
                    }
                }
            }
        }

        // Most of them must have reached a service's validation (a 400), not stopped at the edge.
        var summary = string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"));
        Assert.True(sent > 500 && statuses.GetValueOrDefault(400) > sent / 2, $"{sent} requests: {summary}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} ({summary}) malformed bodies were answered with a 5xx:\n" + string.Join('\n', failures.Take(50)));
    }

    /// <summary>
    /// Every creating POST (one that documents a 201), through the gateway: a body that is not JSON is a
    /// 400 problem, and each scalar field of its schema sent as an object is a 400 naming that field.
    /// </summary>
    [Fact]
    public async Task Every_creating_endpoint_answers_a_malformed_body_or_a_field_of_the_wrong_type_with_a_400_naming_it()
    {
        var token = await app.TokenAsync(Guid.Parse("0196a2a0-0000-7000-8000-000000000001"), "admin", "org-admin", "staff", "pii-reader");
        var wrong = new List<string>();
        var checkedFields = 0;
        var endpoints = 0;
        foreach (var document in OpenApiTests.Documents)
        {
            var openApi = await NSwag.OpenApiDocument.FromJsonAsync(await app.Gateway.GetStringAsync($"/openapi/{document}.json"));
            foreach (var (path, item) in openApi.Paths)
            {
                if (!item.TryGetValue("post", out var operation) || !operation.Responses.ContainsKey("201") || operation.RequestBody is null)
                {
                    continue;
                }

                endpoints++;
                var concrete = Placeholder().Replace(path, "0196a2a0-0000-7000-8000-000000000001");
                async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(string body)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, concrete) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    using var response = await app.Gateway.SendAsync(request);
                    var text = await response.Content.ReadAsStringAsync();
                    return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
                }

                var malformed = await SendAsync("{\"unterminated\": ");
                if (malformed.Status != HttpStatusCode.BadRequest || malformed.Body?["errors"] is not JsonObject)
                {
                    wrong.Add($"POST {path} not JSON → {(int)malformed.Status}");
                }

                var schema = operation.RequestBody.Content.Values.First().Schema.ActualSchema;
                foreach (var (name, property) in schema.ActualProperties)
                {
                    var type = property.ActualTypeSchema.Type;
                    if (type == NJsonSchema.JsonObjectType.None || type.HasFlag(NJsonSchema.JsonObjectType.Object) || type.HasFlag(NJsonSchema.JsonObjectType.Array))
                    {
                        continue;
                    }

                    checkedFields++;
                    var answer = await SendAsync(new JsonObject { [name] = new JsonObject { ["not"] = "a " + type } }.ToJsonString());
                    if (answer.Status != HttpStatusCode.BadRequest || answer.Body?["errors"]?[name] is null)
                    {
                        wrong.Add($"POST {path} {name} as an object → {(int)answer.Status} {answer.Body?["errors"]?.ToJsonString()}");
                    }
                }
            }
        }

        Assert.True(endpoints >= 10 && checkedFields >= 40, $"{endpoints} creating endpoints, {checkedFields} fields checked");
        Assert.True(wrong.Count == 0, $"{wrong.Count} answers did not name the field:\n" + string.Join('\n', wrong));
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Placeholder();
}
