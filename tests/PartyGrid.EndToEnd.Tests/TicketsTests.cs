using Aspire.Hosting.Testing;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.EndToEnd.Tests;

/// <summary>Tickets through the gateway: intake at a group point, a retried submission, escalation, rating, stats.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class TicketsTests(PartyGridApp app)
{
    private readonly Organisations organisations = new(app);
    private readonly ServiceDatabases databases = new(app);

    [Fact]
    public async Task A_service_called_directly_refuses_a_body_over_its_own_limit()
    {
        using var tickets = app.App.CreateHttpClient("tickets", "http");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets")
        {
            Content = new StringContent($"{{\"title\":\"{new string('x', 2 << 20)}\"}}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", await app.TokenAsync(Guid.NewGuid(), "admin"));

        // As a large upload should: the body waits for the server's go-ahead, so a refusal on the
        // declared length arrives before the client writes into a connection the server has closed.
        request.Headers.ExpectContinue = true;
        using var response = await tickets.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_matter_taken_in_at_a_group_point_is_worked_by_the_village_escalated_resolved_and_rated()
    {
        var county = (await organisations.RegisterAsync("遵义县", "county", "committee", null)).Id();
        var township = (await organisations.RegisterAsync("虾子镇", "township", "committee", county)).Id();
        var village = (await organisations.RegisterAsync("新龙村", "village", "branch", township)).Id();
        var group = (await organisations.RegisterAsync("新龙村三组", "group", "group", village)).Id();
        await Eventually.Until(() => databases.ProjectedOrganisationAsync("tickets", group), r => r is not null, what: "tickets projection");
        await using var tap = await EventTap.OpenAsync(app.RabbitMq, "TicketChanged", "TicketEscalated");

        var body = new
        {
            intakeOrgId = group,
            category = "dispute",
            item = "land-dispute",
            title = "承包地边界纠纷",
            description = "两户承包地边界不清，多次协商未果",
            requester = new { name = "杨德明", phone = "13908512345", address = "新龙村三组" },
            channel = "phone",
            externalRef = $"12345-{Guid.NewGuid():N}"[..24],
            attributes = new { parcel = "XL-3-017" },
        };
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> SubmitAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets") { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(village, "staff"));
            request.Headers.Add("Idempotency-Key", key);
            return await app.Gateway.SendAsync(request);
        }

        var ticket = await Json.ReadAsync(await SubmitAsync(), HttpStatusCode.Created);
        var retried = await Json.ReadAsync(await SubmitAsync(), HttpStatusCode.Created);
        Assert.Equal(ticket.Id(), retried.Id());
        Assert.Equal(village, ticket.GetProperty("currentOrgId").GetGuid());
        Assert.Equal("139****2345", ticket.GetProperty("requester").Text("phone"));
        var id = ticket.Id();

        async Task<JsonElement> ActAsync(Guid home, string action, object? payload = null) =>
            await Json.ReadAsync(await organisations.SendAsAsync(home, ["staff"], HttpMethod.Post, $"/api/v1/tickets/{id}/{action}", payload ?? new { }), HttpStatusCode.OK);

        await ActAsync(village, "accept");
        var escalated = await ActAsync(village, "escalate", new { reason = "涉及承包合同，需镇司法所调解" });
        Assert.Equal((township, "township"), (escalated.GetProperty("currentOrgId").GetGuid(), escalated.Text("tier")));
        await ActAsync(township, "accept");
        await ActAsync(township, "resolve", new { resolution = "镇司法所组织调解，重新确认界桩" });
        var reopened = await ActAsync(village, "rate", new { score = 2, comment = "界桩位置仍有争议" });
        Assert.Equal("reopened", reopened.Text("status"));
        using (var illegal = await organisations.SendAsAsync(township, ["staff"], HttpMethod.Post, $"/api/v1/tickets/{id}/close", new { }))
        {
            Assert.Equal("close-not-allowed", (await Json.ReadAsync(illegal, HttpStatusCode.Conflict)).Text("code"));
        }

        var stats = await Json.ReadAsync(await organisations.SendAsAsync(county, ["viewer"], HttpMethod.Get, "/api/v1/tickets/stats"), HttpStatusCode.OK);
        Assert.Equal(1, stats.GetProperty("total").GetInt32());
        Assert.Equal(1, stats.GetProperty("byChannel").GetProperty("phone").GetInt32());
        Assert.Equal(1, stats.GetProperty("byStatus").GetProperty("reopened").GetInt32());

        // Consumers see every change once, in version order per ticket, and never the requester.
        var events = await Eventually.Until(
            () => Task.FromResult(tap.Bodies.Where(b => b.Contains(id.ToString(), StringComparison.Ordinal)).ToList()),
            b => b.Count == 7, what: "six TicketChanged and one TicketEscalated on the broker");
        var messages = events.Select(e => JsonDocument.Parse(e).RootElement.GetProperty("message").Clone()).ToList();
        Assert.Single(messages, m => m.TryGetProperty("toTier", out var tier) && tier.GetString() == "township");
        var versions = messages.Where(m => m.TryGetProperty("number", out _)).Select(m => m.GetProperty("version").GetInt64()).Order().ToList();
        Assert.Equal(Enumerable.Range((int)versions[0], 6).Select(v => (long)v), versions);
        Assert.All(events, e =>
        {
            Assert.DoesNotContain("杨德明", e, StringComparison.Ordinal);
            Assert.DoesNotContain("13908512345", e, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_service_team_formed_in_members_is_handed_a_ticket_of_its_village_through_the_gateway()
    {
        var county = (await organisations.RegisterAsync("湄潭县", "county", "committee", null)).Id();
        var township = (await organisations.RegisterAsync("永兴镇", "township", "committee", county)).Id();
        var village = (await organisations.RegisterAsync("茶海村", "village", "branch", township)).Id();
        var neighbour = (await organisations.RegisterAsync("复兴镇", "township", "committee", county)).Id();
        await Eventually.Until(() => databases.ProjectedOrganisationAsync("members", neighbour), r => r is not null, what: "members projection");
        await Eventually.Until(() => databases.ProjectedOrganisationAsync("tickets", neighbour), r => r is not null, what: "tickets projection");

        async Task<Guid> FormAsync(Guid org) => (await Json.ReadAsync(
            await organisations.SendAsAsync(org, ["org-admin"], HttpMethod.Post, "/api/v1/service-teams", new { orgId = org, name = "党员先锋服务队", skills = new[] { "mediation" } }),
            HttpStatusCode.Created)).Id();
        var team = await FormAsync(village);
        var stranger = await FormAsync(neighbour);
        foreach (var formed in new[] { team, stranger })
        {
            await Eventually.Until(
                () => databases.CountAsync("tickets", "SELECT count(*) FROM projected_service_teams WHERE id = @id", formed), n => n == 1, what: "tickets' team projection");
        }

        var ticket = await Json.ReadAsync(await organisations.SendAsAsync(village, ["staff"], HttpMethod.Post, "/api/v1/tickets", new
        {
            intakeOrgId = village,
            category = "assistance",
            title = "独居老人代购药品",
            description = "每周需要代购一次降压药",
            requester = new { name = "冯秀英", phone = "13908512346" },
            channel = "walk-in",
        }), HttpStatusCode.Created);
        var id = ticket.Id();
        Assert.Equal(HttpStatusCode.OK, (await organisations.SendAsAsync(village, ["staff"], HttpMethod.Post, $"/api/v1/tickets/{id}/accept", new { })).StatusCode);

        var refused = await Json.ReadAsync(
            await organisations.SendAsAsync(village, ["staff"], HttpMethod.Post, $"/api/v1/tickets/{id}/assign", new { teamId = stranger }), HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("teamId", out _));
        var assigned = await Json.ReadAsync(
            await organisations.SendAsAsync(village, ["staff"], HttpMethod.Post, $"/api/v1/tickets/{id}/assign", new { teamId = team }), HttpStatusCode.OK);
        Assert.Equal((team, "in-progress"), (assigned.GetProperty("assignedTeamId").GetGuid(), assigned.Text("status")));
    }

    /// <summary>Each periodic job's "run now" command in the dashboard runs it through the service's operator endpoint.</summary>
    [Theory]
    [InlineData("tickets", "run-ticket-clock")]
    [InlineData("members", "run-transfer-expiry")]
    [InlineData("organisations", "run-term-reminders")]
    public async Task The_dashboard_runs_a_service_s_periodic_job_now(string resource, string command)
    {
        var result = await app.ExecuteAsync(resource, command);
        Assert.True(result.Success, $"{resource} {command}: {result.Message}");
    }
}
