using System.Net;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.EndToEnd.Tests;

/// <summary>A partner system (a 12345 hotline) working with an API key, through the gateway to the real services.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class PartnerKeyTests(PartyGridApp app)
{
    private readonly Organisations organisations = new(app);
    private readonly ServiceDatabases databases = new(app);
    private readonly PartnerKeys keys = new(app);

    public static object Ticket(Guid intakeOrgId) => new
    {
        intakeOrgId,
        category = "consultation",
        item = "policy-advice",
        title = "医保缴费咨询",
        description = "咨询城乡居民医保缴费时间和标准",
        requester = new { name = "罗永芬", phone = "13985212345" },
        channel = "partner",
    };

    [Fact]
    public async Task A_hotline_key_submits_and_follows_tickets_in_its_subtree_and_nowhere_else()
    {
        var county = (await organisations.RegisterAsync("播州区", "county", "committee", null)).Id();
        var township = (await organisations.RegisterAsync("鸭溪镇", "township", "committee", county)).Id();
        var village = (await organisations.RegisterAsync("石关村", "village", "branch", township)).Id();
        var otherTownship = (await organisations.RegisterAsync("枫香镇", "township", "committee", county)).Id();
        var otherVillage = (await organisations.RegisterAsync("花茂村", "village", "branch", otherTownship)).Id();
        await Eventually.Until(() => databases.ProjectedOrganisationAsync("tickets", otherVillage), r => r is not null, what: "tickets projection");
        await Eventually.Until(() => databases.ProjectedOrganisationAsync("tickets", village), r => r is not null, what: "tickets projection");

        var (keyId, key) = await keys.CreateAsync(township, ["tickets:write", "tickets:read"]);
        var ticket = await Json.ReadAsync(await keys.SendAsync(key, HttpMethod.Post, "/api/v1/tickets", Ticket(village)), HttpStatusCode.Created);
        var read = await Json.ReadAsync(await keys.SendAsync(key, HttpMethod.Get, $"/api/v1/tickets/{ticket.Id()}"), HttpStatusCode.OK);
        Assert.Equal($"api-key:{keyId}", Assert.Single(read.GetProperty("timeline").EnumerateArray()).Text("actor"));

        // Outside its township: writes are refused as if the site did not exist, reads do not confirm that anything exists.
        using (var outside = await keys.SendAsync(key, HttpMethod.Post, "/api/v1/tickets", Ticket(otherVillage)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        }

        using var staffTicket = await organisations.SendAsAsync(otherVillage, ["staff"], HttpMethod.Post, "/api/v1/tickets", Ticket(otherVillage));
        var elsewhere = await Json.ReadAsync(staffTicket, HttpStatusCode.Created);
        using (var hidden = await keys.SendAsync(key, HttpMethod.Get, $"/api/v1/tickets/{elsewhere.Id()}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        // Nothing beyond its scopes: members are not a hotline's business.
        using (var members = await keys.SendAsync(key, HttpMethod.Get, $"/api/v1/members?orgId={township}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, members.StatusCode);
        }

        var (_, directory) = await keys.CreateAsync(township, ["organisations:read"]);
        using (var own = await keys.SendAsync(directory, HttpMethod.Get, $"/api/v1/organisations/{village}"))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        }

        using (var foreign = await keys.SendAsync(directory, HttpMethod.Get, $"/api/v1/organisations/{otherVillage}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }

        using (var revoke = await organisations.SendAsync(HttpMethod.Delete, $"/api/v1/api-keys/{keyId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }

        using var revoked = await keys.SendAsync(key, HttpMethod.Get, $"/api/v1/tickets/{ticket.Id()}");
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
    }

    [Fact]
    public async Task A_key_over_its_quota_meets_429_while_another_key_carries_on()
    {
        var county = (await organisations.RegisterAsync("汇川区", "county", "committee", null)).Id();
        var (_, greedy) = await keys.CreateAsync(county, ["tickets:read"], requestsPerMinute: 6);
        var (_, polite) = await keys.CreateAsync(county, ["tickets:read"]);

        var statuses = new List<HttpStatusCode>();
        string? retryAfter = null;
        for (var i = 0; i < 5 && retryAfter is null; i++)
        {
            using var response = await keys.SendAsync(greedy, HttpMethod.Get, "/api/v1/ticket-categories");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                retryAfter = response.Headers.GetValues("Retry-After").Single();
            }
        }

        Assert.True(retryAfter is not null, $"no 429 in {string.Join(", ", statuses)}");
        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        for (var i = 0; i < 5; i++)
        {
            using var response = await keys.SendAsync(polite, HttpMethod.Get, "/api/v1/ticket-categories");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
