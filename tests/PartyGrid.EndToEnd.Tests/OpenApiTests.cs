using System.Text.RegularExpressions;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.EndToEnd.Tests;

/// <summary>The OpenAPI documents the gateway serves describe the whole public contract.</summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class OpenApiTests(PartyGridApp app)
{
    public static readonly string[] Documents = ["organisations", "members", "tickets", "pairing", "assessment", "identity", "gateway"];

    [Fact]
    public async Task Every_route_of_the_contract_is_documented_with_a_summary_auth_and_problems()
    {
        var operations = new Dictionary<string, NSwag.OpenApiOperation>();
        foreach (var name in Documents)
        {
            // NSwag's reader is a full OpenAPI parser: a document it cannot read fails here.
            var document = await NSwag.OpenApiDocument.FromJsonAsync(await app.Gateway.GetStringAsync($"/openapi/{name}.json"));
            Assert.Equal(name, document.Info.Title.Split(' ')[1]);
            foreach (var (path, item) in document.Paths)
            {
                foreach (var (method, operation) in item)
                {
                    operations[$"{name} {method.ToUpperInvariant()} {Template(path)}"] = operation;
                }
            }
        }

        var missing = new List<string>();
        foreach (var route in PublicApi.Routes)
        {
            var id = $"{PublicApi.DocumentFor(route)} {route.Method} {Template(route.Path)}";
            if (!operations.TryGetValue(id, out var operation))
            {
                missing.Add(id);
                continue;
            }

            Assert.False(string.IsNullOrWhiteSpace(operation.Summary), $"{route} has no summary");
            Assert.True(operation.Security?.Count > 0, $"{route} names no security scheme");
            foreach (var status in new[] { "401", "403", "429" })
            {
                Assert.True(operation.Responses.TryGetValue(status, out var problem), $"{route} does not document {status}");
                Assert.Contains("application/problem+json", problem.Content.Keys);
            }
        }

        Assert.True(missing.Count == 0, "Not documented:\n" + string.Join('\n', missing));
        foreach (var (id, operation) in operations)
        {
            Assert.False(string.IsNullOrWhiteSpace(operation.Summary), $"{id} has no summary");
        }
    }

    /// <summary>Ids in the tickets requests are typed: generated clients get a uuid, not a string to guess at.</summary>
    [Fact]
    public async Task Ticket_requests_name_their_ids_as_uuids()
    {
        var document = await NSwag.OpenApiDocument.FromJsonAsync(await app.Gateway.GetStringAsync("/openapi/tickets.json"));
        foreach (var (schema, property) in new[] { ("SubmitTicketRequest", "intakeOrgId"), ("AssignRequest", "memberId"), ("AssignRequest", "teamId"), ("RequesterRequest", "memberId") })
        {
            var type = document.Components.Schemas[schema].ActualProperties[property].ActualTypeSchema;
            Assert.True(type.Format == "uuid", $"{schema}.{property} is {type.Type} {type.Format}");
        }
    }

    /// <summary>Placeholders named differently (<c>{id}</c>, <c>{orgId}</c>) are the same route.</summary>
    private static string Template(string path) => Placeholder().Replace(path.TrimEnd('/'), "{}");

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Placeholder();
}
