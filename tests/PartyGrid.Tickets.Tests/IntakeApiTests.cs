using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PartyGrid.Testing;

namespace PartyGrid.Tickets.Tests;

[Collection(TicketsServiceCollection.Name)]
public sealed class IntakeApiTests(TicketsService service)
{
    private TestCounty County => service.County;

    [Fact]
    public async Task A_ticket_taken_in_has_a_number_deadlines_and_a_masked_phone()
    {
        var ticket = await service.SubmitAsync(County.A);
        Assert.Matches(@"^PG-\d{4}-\d{6}$", ticket.Text("number"));
        Assert.Equal("submitted", ticket.Text("status"));
        Assert.Equal(County.A, ticket.GetProperty("currentOrgId").GetGuid());
        Assert.Equal("village", ticket.Text("tier"));
        Assert.Equal("139****3456", ticket.GetProperty("requester").Text("phone"));
        Assert.True(ticket.GetProperty("resolutionDueAt").GetDateTimeOffset() > ticket.GetProperty("responseDueAt").GetDateTimeOffset());

        var detail = await service.GetAsync(ticket.Id());
        Assert.Equal("submitted", Assert.Single(detail.GetProperty("timeline").EnumerateArray()).Text("action"));
    }

    [Fact]
    public async Task The_requesters_name_and_address_are_shown_only_to_the_staff_working_the_ticket()
    {
        var ticket = await service.SubmitAsync(County.A);
        var path = $"/api/v1/tickets/{ticket.Id()}";
        async Task<(string Name, string Address, bool Masked)> RequesterAsync(HttpClient client)
        {
            var requester = (await Json.ReadAsync(await client.GetAsync(path), HttpStatusCode.OK)).GetProperty("requester");
            return (requester.Text("name"), requester.Text("address"), requester.GetProperty("masked").GetBoolean());
        }

        Assert.Equal(("王大妈", "石板村三组", false), await RequesterAsync(service.Staff(County.A)));
        Assert.Equal(("王大妈", "石板村三组", false), await RequesterAsync(service.As(County.A, "org-admin")));
        foreach (var reader in new[]
        {
            service.As(County.A, "viewer"),
            service.Staff(County.T1),
            service.As(County.C, "admin"),
            service.Host.ClientForPartner(County.T1, PartyGrid.ServiceDefaults.Identity.PartnerScopes.TicketsRead),
        })
        {
            Assert.Equal(("王**", "石板村**", true), await RequesterAsync(reader));
        }

        var listed = await Json.ReadAsync(await service.As(County.T1, "viewer").GetAsync($"/api/v1/tickets?orgId={County.A}"), HttpStatusCode.OK);
        Assert.All(listed.GetProperty("items").EnumerateArray(), t => Assert.Equal("王**", t.GetProperty("requester").Text("name")));
    }

    [Fact]
    public async Task Intake_naming_a_site_outside_the_callers_scope_reads_like_one_naming_no_site()
    {
        var staff = service.Staff(County.T1);
        var outside = await Json.ReadAsync(await staff.PostAsJsonAsync("/api/v1/tickets", TicketsService.NewTicket(County.D)), HttpStatusCode.BadRequest);
        var none = await Json.ReadAsync(await staff.PostAsJsonAsync("/api/v1/tickets", TicketsService.NewTicket(Guid.NewGuid())), HttpStatusCode.BadRequest);
        Assert.Equal(none.GetProperty("errors").ToString(), outside.GetProperty("errors").ToString());
        Assert.Equal(HttpStatusCode.Forbidden, (await service.As(County.T1, "viewer").PostAsJsonAsync("/api/v1/tickets", TicketsService.NewTicket(County.A))).StatusCode);
    }

    [Fact]
    public async Task A_group_points_ticket_goes_to_its_village_unless_settled_on_the_spot()
    {
        var forwarded = await service.SubmitAsync(County.G);
        Assert.Equal(County.A, forwarded.GetProperty("currentOrgId").GetGuid());
        Assert.Equal(County.G, forwarded.GetProperty("intakeOrgId").GetGuid());

        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(TicketsService.NewTicket(County.G)))!.AsObject();
        body["resolution"] = "当场解释政策，群众满意";
        var onTheSpot = await service.SubmitAsync(County.G, body);
        Assert.Equal("resolved", onTheSpot.Text("status"));
        Assert.Equal(County.G, onTheSpot.GetProperty("resolvedOrgId").GetGuid());
    }

    [Theory]
    [InlineData("category", "weather", "category")]
    [InlineData("item", "business-licence", "item")]
    [InlineData("item", "land-dispute", "attributes.parcel")]
    [InlineData("phone", "12345", "requester.phone")]
    [InlineData("channel", "fax", "channel")]
    [InlineData("intakeOrgId", "x", "intakeOrgId")]
    public async Task Bad_intake_is_a_400_naming_the_field(string field, string value, string errorField)
    {
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(TicketsService.NewTicket(County.A)))!.AsObject();
        if (field == "phone")
        {
            body["requester"]!["phone"] = value;
        }
        else
        {
            body[field] = value;
        }

        var problem = await Json.ReadAsync(await service.Staff(County.A).PostAsJsonAsync("/api/v1/tickets", body), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(errorField, out _), problem.ToString());
    }

    [Fact]
    public async Task Intake_is_refused_outside_the_callers_scope_for_unknown_and_for_dissolved_organisations()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await service.Staff(County.B).PostAsJsonAsync("/api/v1/tickets", TicketsService.NewTicket(County.A))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.As(County.A, "viewer").PostAsJsonAsync("/api/v1/tickets", TicketsService.NewTicket(County.A))).StatusCode);
        var unknown = await Json.ReadAsync(await service.As(County.C, "admin").PostAsJsonAsync("/api/v1/tickets", TicketsService.NewTicket(Guid.NewGuid())), HttpStatusCode.BadRequest);
        Assert.True(unknown.GetProperty("errors").TryGetProperty("intakeOrgId", out _));
        var dissolved = await Json.ReadAsync(await service.As(County.C, "admin").PostAsJsonAsync("/api/v1/tickets", TicketsService.NewTicket(County.X)), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("organisation-dissolved", dissolved.Text("code"));
    }

    [Fact]
    public async Task The_same_idempotency_key_and_body_return_the_first_ticket_and_another_body_is_a_conflict()
    {
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> SendAsync(object body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            return await service.Staff(County.B).SendAsync(request);
        }

        var first = await Json.ReadAsync(await SendAsync(TicketsService.NewTicket(County.B)), HttpStatusCode.Created);
        var again = await SendAsync(TicketsService.NewTicket(County.B));
        var second = await Json.ReadAsync(again, HttpStatusCode.Created);
        Assert.Equal(first.Id(), second.Id());
        Assert.Equal(first.Text("number"), second.Text("number"));
        Assert.Equal($"/api/v1/tickets/{first.Id()}", again.Headers.Location?.ToString());

        var other = await SendAsync(TicketsService.NewTicket(County.B, category: "consultation", item: null));
        Assert.Equal("idempotency-key-reused", (await Json.ReadAsync(other, HttpStatusCode.Conflict)).Text("code"));

        var list = await Json.ReadAsync(await service.Staff(County.B).GetAsync($"/api/v1/tickets?orgId={County.B}&limit=200"), HttpStatusCode.OK);
        Assert.Single(list.GetProperty("items").EnumerateArray(), t => t.Text("number") == first.Text("number"));
    }

    [Fact]
    public async Task Twins_sent_at_once_under_one_key_make_one_ticket_and_all_get_its_answer()
    {
        var key = Guid.NewGuid().ToString();
        var reference = $"twin-{Guid.NewGuid():N}"[..20];
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets") { Content = JsonContent.Create(TicketsService.NewTicket(County.D, externalRef: reference)) };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await service.Staff(County.D).SendAsync(request);
            return await Json.ReadAsync(response, HttpStatusCode.Created);
        }));

        Assert.Single(answers.Select(a => a.Id()).Distinct());
        var list = await Json.ReadAsync(await service.Staff(County.D).GetAsync($"/api/v1/tickets?orgId={County.D}&limit=200"), HttpStatusCode.OK);
        Assert.Single(list.GetProperty("items").EnumerateArray(), t => t.Text("externalRef") == reference);
    }

    [Fact]
    public async Task An_external_reference_is_unique_per_submitter()
    {
        var reference = $"12345-{Guid.NewGuid():N}"[..20];
        await service.SubmitAsync(County.D, TicketsService.NewTicket(County.D, externalRef: reference));
        var duplicate = await service.Staff(County.D).PostAsJsonAsync("/api/v1/tickets", TicketsService.NewTicket(County.D, externalRef: reference));
        Assert.Equal("external-ref-taken", (await Json.ReadAsync(duplicate, HttpStatusCode.Conflict)).Text("code"));

        // An expected refusal is the caller's mistake, not an error on the operators' dashboard.
        Assert.DoesNotContain(service.Host.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("ix_tickets_external_ref_per_submitter", StringComparison.Ordinal));

        // Another submitter (a partner system, say) may use the same number for its own ticket.
        var other = service.Host.ClientFor("hotline-12345", County.T2, "staff");
        Assert.Equal(HttpStatusCode.Created, (await other.PostAsJsonAsync("/api/v1/tickets", TicketsService.NewTicket(County.D, externalRef: reference))).StatusCode);
    }
}
