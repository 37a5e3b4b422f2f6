using System.Text.Json;
using System.Text.Json.Nodes;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.EndToEnd.Tests;

/// <summary>
/// The console's API client is generated in its build from the OpenAPI documents committed under
/// <c>web/console/openapi/</c>. They must be what the live gateway serves, so a contract change
/// shows up as a diff here and then as a type error in the console, not as a broken page.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ConsoleContractTests(PartyGridApp app)
{
    public static string DocumentPath(string name) => Path.Combine(RepositoryRoot.Path, "web", "console", "openapi", $"{name}.json");

    [Fact]
    public async Task The_console_builds_against_the_documents_the_gateway_serves()
    {
        var stale = new List<string>();
        foreach (var name in OpenApiTests.Documents)
        {
            var live = Normalised(await app.Gateway.GetStringAsync($"/openapi/{name}.json"));
            var path = DocumentPath(name);
            var committed = File.Exists(path) ? await File.ReadAllTextAsync(path) : string.Empty;
            if (committed == live)
            {
                continue;
            }

            stale.Add(name);
            if (Environment.GetEnvironmentVariable(GeneratedClientTests.RegenerateVariable) == "1")
            {
                await File.WriteAllTextAsync(path, live);
            }
        }

        Assert.True(stale.Count == 0,
            $"web/console/openapi/ differs from the live documents for {string.Join(", ", stale)}. Regenerate with tests/regenerate-client.sh, review the diff and commit it.");
    }

    // The server address differs per run; the rest is the contract.
    private static string Normalised(string document)
    {
        var node = JsonNode.Parse(document)!.AsObject();
        node.Remove("servers");
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}
