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

    /// <summary>
    /// Request bodies are typed: ids are uuids, days are dates, enums list their values and the
    /// constructor's fields are required (present, perhaps null), so generated clients get real types.
    /// </summary>
    [Theory]
    [InlineData("tickets", "SubmitTicketRequest", "intakeOrgId:uuid category:enum channel:enum priority:enum")]
    [InlineData("tickets", "AssignRequest", "memberId:uuid teamId:uuid")]
    [InlineData("tickets", "RequesterRequest", "memberId:uuid")]
    [InlineData("members", "RegisterMemberRequest", "orgId:uuid gender:enum status:enum education:enum birthDate:date joinedOn:date")]
    [InlineData("members", "RequestTransferRequest", "memberId:uuid toOrgId:uuid validDays:integer")]
    [InlineData("members", "FlowOutRequest", "destinationOrgId:uuid from:date expectedReturn:date")]
    [InlineData("members", "FormServiceTeamRequest", "orgId:uuid")]
    [InlineData("members", "JoinServiceTeamRequest", "memberId:uuid")]
    [InlineData("organisations", "RegisterOrganisationRequest", "tier:enum area:enum kind:enum parentId:uuid")]
    [InlineData("organisations", "MoveOrganisationRequest", "newParentId:uuid")]
    [InlineData("organisations", "ElectTermRequest", "electedOn:date secretaryMemberId:uuid years:integer")]
    [InlineData("pairing", "ProposePairingRequest", "urbanOrgId:uuid ruralOrgId:uuid startsOn:date endsOn:date")]
    [InlineData("pairing", "CommitmentRequest", "kind:enum dueOn:date")]
    [InlineData("pairing", "ActivityRequest", "kind:enum commitmentId:uuid occurredOn:date participants:integer")]
    [InlineData("pairing", "HouseholdPairingRequest", "orgId:uuid memberId:uuid")]
    [InlineData("assessment", "SurveyRequest", "orgId:uuid respondent:enum ticketId:uuid memberId:uuid score:integer")]
    [InlineData("identity", "CreateStaffRequest", "homeOrganisationId:uuid")]
    [InlineData("gateway", "CreateApiKeyRequest", "orgId:uuid requestsPerMinute:integer")]
    public async Task Request_bodies_carry_real_types(string documentName, string schemaName, string fields)
    {
        var document = await NSwag.OpenApiDocument.FromJsonAsync(await app.Gateway.GetStringAsync($"/openapi/{documentName}.json"));
        var schema = document.Components.Schemas[schemaName];
        foreach (var field in fields.Split(' '))
        {
            var (property, expected) = (field.Split(':')[0], field.Split(':')[1]);
            Assert.True(schema.ActualProperties.ContainsKey(property), $"{schemaName} has no {property}");
            Assert.Contains(property, schema.RequiredProperties);
            var type = Typed(schema.ActualProperties[property]);
            var actual = type.Enumeration.Count > 0 ? "enum"
                : type.Format is "uuid" or "date" ? type.Format
                : type.Type.HasFlag(NJsonSchema.JsonObjectType.Integer) ? "integer" : type.Type.ToString();
            Assert.True(expected == actual, $"{schemaName}.{property} is {actual}, not {expected}");
        }
    }

    /// <summary>The schema a property's value has, past a nullable wrapper or a reference.</summary>
    private static NJsonSchema.JsonSchema Typed(NJsonSchema.JsonSchema property)
    {
        var schema = property.ActualTypeSchema;
        return schema.Enumeration.Count > 0 || schema.Format is not null || schema.OneOf.Count + schema.AnyOf.Count + schema.AllOf.Count == 0
            ? schema
            : schema.OneOf.Concat(schema.AnyOf).Concat(schema.AllOf).Select(s => s.ActualSchema).First(s => s.Type != NJsonSchema.JsonObjectType.Null);
    }

    /// <summary>Placeholders named differently (<c>{id}</c>, <c>{orgId}</c>) are the same route.</summary>
    private static string Template(string path) => Placeholder().Replace(path.TrimEnd('/'), "{}");

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Placeholder();
}
