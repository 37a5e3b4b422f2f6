using System.Net;
using System.Net.Http.Json;
using PartyGrid.ServiceDefaults.Identity;
using PartyGrid.Testing;

namespace PartyGrid.Tickets.Tests;

/// <summary>
/// The service holds partner identities to their scopes itself, whatever path the request took:
/// the gateway's check is not the only one.
/// </summary>
[Collection(TicketsServiceCollection.Name)]
public sealed class PartnerScopeTests(TicketsService service)
{
    private TestCounty County => service.County;

    [Fact]
    public async Task A_partner_with_write_and_read_submits_and_follows_tickets_within_its_subtree()
    {
        using var hotline = service.Host.ClientForPartner(County.T1, PartnerScopes.TicketsWrite, PartnerScopes.TicketsRead);
        using var created = await hotline.PostAsJsonAsync("/api/v1/tickets", TicketsService.NewTicket(County.A));
        var ticket = await Json.ReadAsync(created, HttpStatusCode.Created);

        var read = await Json.ReadAsync(await hotline.GetAsync($"/api/v1/tickets/{ticket.Id()}"), HttpStatusCode.OK);
        Assert.StartsWith("api-key:", Assert.Single(read.GetProperty("timeline").EnumerateArray()).Text("actor"), StringComparison.Ordinal);

        // Outside T1: a write is refused as if the site did not exist, a read does not confirm the ticket exists.
        using var outside = await hotline.PostAsJsonAsync("/api/v1/tickets", TicketsService.NewTicket(County.D));
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        var elsewhere = await service.SubmitAsync(County.D);
        using var hidden = await hotline.GetAsync($"/api/v1/tickets/{elsewhere.Id()}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    public static TheoryData<string> ForgedPartnerTokens() => ["partner-issuer-claims-admin", "partner-issuer-without-key", "staff-issuer-with-key"];

    /// <summary>Only the gateway's issuer speaks for partner keys, and only with partner roles.</summary>
    [Theory]
    [MemberData(nameof(ForgedPartnerTokens))]
    public async Task A_partner_identity_out_of_its_bounds_is_refused_with_401(string forgery)
    {
        var keyClaim = new System.Security.Claims.Claim(PartyGridClaims.ApiKey, Guid.CreateVersion7().ToString());
        var token = forgery switch
        {
            "partner-issuer-claims-admin" => TestTokens.Sign(
                TestTokens.PartnerKey, TestTokens.PartnerIssuer, TestTokens.Claims("api-key:x", "hotline", County.C, ["staff", "admin"]).Append(keyClaim)),
            "partner-issuer-without-key" => TestTokens.Sign(
                TestTokens.PartnerKey, TestTokens.PartnerIssuer, TestTokens.Claims("someone", "hotline", County.C, ["viewer"])),
            _ => TestTokens.Sign(
                TestTokens.StaffKey, TestTokens.StaffIssuer, TestTokens.Claims("api-key:x", "hotline", County.C, ["viewer"]).Append(keyClaim)),
        };
        using var client = service.Host.ClientWithToken(token);
        using var response = await client.GetAsync($"/api/v1/tickets?orgId={County.C}");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_read_only_partner_reads_but_cannot_submit()
    {
        using var reader = service.Host.ClientForPartner(County.T1, PartnerScopes.TicketsRead);
        using var list = await reader.GetAsync($"/api/v1/tickets?orgId={County.T1}&subtree=true");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        using var categories = await reader.GetAsync("/api/v1/ticket-categories");
        Assert.Equal(HttpStatusCode.OK, categories.StatusCode);

        using var submit = await reader.PostAsJsonAsync("/api/v1/tickets", TicketsService.NewTicket(County.A));
        var problem = await Json.ReadAsync(submit, HttpStatusCode.Forbidden);
        Assert.Equal("scope-missing", problem.Text("code"));
    }

    [Fact]
    public async Task Endpoints_outside_every_scope_family_are_closed_to_partners()
    {
        using var partner = service.Host.ClientForPartner(County.C, PartnerScopes.TicketsWrite, PartnerScopes.TicketsRead, PartnerScopes.OrganisationsRead);
        using var republish = await partner.PostAsync("/api/v1/tickets/snapshots/republish", null);
        var problem = await Json.ReadAsync(republish, HttpStatusCode.Forbidden);
        Assert.Equal("scope-missing", problem.Text("code"));

        // A partner without ticket scopes (only organisations:read) cannot read tickets either.
        using var organisationsOnly = service.Host.ClientForPartner(County.C, PartnerScopes.OrganisationsRead);
        using var list = await organisationsOnly.GetAsync("/api/v1/tickets");
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
    }
}
