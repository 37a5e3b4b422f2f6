using System.Net;
using PartyGrid.Testing;

namespace PartyGrid.Tickets.Tests;

/// <summary>Input the binder or PostgreSQL cannot take is a 400 naming what was wrong, never a 500.</summary>
[Collection(TicketsServiceCollection.Name)]
public sealed class MalformedInputTests(TicketsService service)
{
    [Theory]
    [InlineData("limit=abc", "limit")]
    [InlineData("limit=99999999999", "limit")]
    [InlineData("overdue=maybe", "overdue")]
    [InlineData("orgId=not-an-id", "orgId")]
    [InlineData("cursor=%00", "cursor")]
    [InlineData("status=%00", "status")]
    public async Task A_malformed_query_parameter_is_a_400_naming_it(string query, string parameter)
    {
        using var client = service.Host.ClientAs(service.County.T1, "staff");
        using var response = await client.GetAsync($"/api/v1/tickets?{query}");
        var problem = await Json.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(parameter, problem.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from=0001-01-01", "from")]
    [InlineData("from=2026-01-01&to=2027-06-01", "to")]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("from=9999-12-31", "from")]
    public async Task Stats_over_an_unbounded_or_malformed_period_are_a_400(string query, string field)
    {
        using var client = service.Host.ClientAs(service.County.T1, "staff");
        using var response = await client.GetAsync($"/api/v1/tickets/stats?orgId={service.County.T1}&{query}");
        var problem = await Json.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Theory]
    [InlineData(21, 10, "attributes")]
    [InlineData(1, 501, "attributes.a0")]
    public async Task Ticket_attributes_are_bounded_in_number_and_size(int count, int length, string field)
    {
        var body = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(TicketsService.NewTicket(service.County.A)))!.AsObject();
        var attributes = new System.Text.Json.Nodes.JsonObject();
        for (var i = 0; i < count; i++)
        {
            attributes[$"a{i}"] = new string('宅', length);
        }

        body["attributes"] = attributes;
        var problem = await Json.ReadAsync(await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(service.Staff(service.County.A), "/api/v1/tickets", body), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Theory]
    [InlineData("title")]
    [InlineData("requester.name")]
    public async Task A_nul_character_in_a_json_string_is_a_400_naming_the_field_and_records_nothing(string field)
    {
        var body = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(TicketsService.NewTicket(service.County.A)))!.AsObject();
        var externalRef = $"nul-{Guid.NewGuid():N}";
        body["externalRef"] = externalRef;
        if (field == "title")
        {
            body["title"] = "宅基地\u0000边界";
        }
        else
        {
            body["requester"]!["name"] = "王\u0000大妈";
        }

        using var content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        var problem = await Json.ReadAsync(await service.Staff(service.County.A).PostAsync("/api/v1/tickets", content), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}
