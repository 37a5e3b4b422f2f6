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
}
