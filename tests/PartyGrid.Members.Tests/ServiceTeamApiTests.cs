using System.Net;
using System.Net.Http.Json;
using PartyGrid.Testing;

namespace PartyGrid.Members.Tests;

[Collection(MembersServiceCollection.Name)]
public sealed class ServiceTeamApiTests(MembersService service)
{
    [Fact]
    public async Task Volunteers_join_and_leave_a_team_of_their_subtree()
    {
        var lawyer = await service.RegisterAsync(service.A);
        var elsewhere = await service.RegisterAsync(service.D);
        var admin = service.As(service.T1, "org-admin");

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/v1/service-teams", new { orgId = service.T1, name = "法律服务队" })).StatusCode);
        // Above the caller's subtree is outside it: the same 400 as an organisation that does not exist.
        Assert.Equal(HttpStatusCode.BadRequest, (await service.As(service.A, "org-admin").PostAsJsonAsync("/api/v1/service-teams",
            new { orgId = service.T1, name = "法律服务队", skills = new[] { "legal" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.As(service.T1, "staff").PostAsJsonAsync("/api/v1/service-teams",
            new { orgId = service.T1, name = "法律服务队", skills = new[] { "legal" } })).StatusCode);
        var team = await Json.ReadAsync(await admin.PostAsJsonAsync("/api/v1/service-teams",
            new { orgId = service.T1, name = "法律服务队", skills = new[] { "Legal", "mediation" } }), HttpStatusCode.Created);
        Assert.Equal(["legal", "mediation"], team.GetProperty("skills").EnumerateArray().Select(s => s.GetString()));

        var joined = await Json.ReadAsync(await admin.PostAsJsonAsync($"/api/v1/service-teams/{team.Id()}/members", new { memberId = lawyer.Id() }), HttpStatusCode.OK);
        Assert.Equal(1, joined.GetProperty("memberCount").GetInt32());
        Assert.Equal(lawyer.Id(), joined.GetProperty("members")[0].GetProperty("memberId").GetGuid());
        Assert.Equal("already-in-team", (await Json.ReadAsync(await admin.PostAsJsonAsync($"/api/v1/service-teams/{team.Id()}/members", new { memberId = lawyer.Id() }), HttpStatusCode.Conflict)).Text("code"));
        Assert.Equal("member-outside-team", (await Json.ReadAsync(await admin.PostAsJsonAsync($"/api/v1/service-teams/{team.Id()}/members", new { memberId = elsewhere.Id() }), HttpStatusCode.UnprocessableEntity)).Text("code"));

        var bySkill = await Json.ReadAsync(await service.As(service.T1, "viewer").GetAsync("/api/v1/service-teams?skill=mediation"), HttpStatusCode.OK);
        Assert.Contains(team.Id(), bySkill.GetProperty("items").EnumerateArray().Select(t => t.Id()));
        Assert.Equal(HttpStatusCode.NotFound, (await service.As(service.T2, "viewer").GetAsync($"/api/v1/service-teams/{team.Id()}")).StatusCode);

        var left = await Json.ReadAsync(await admin.DeleteAsync($"/api/v1/service-teams/{team.Id()}/members/{lawyer.Id()}"), HttpStatusCode.OK);
        Assert.Equal(0, left.GetProperty("memberCount").GetInt32());
        Assert.Equal("not-in-team", (await Json.ReadAsync(await admin.DeleteAsync($"/api/v1/service-teams/{team.Id()}/members/{lawyer.Id()}"), HttpStatusCode.Conflict)).Text("code"));
    }

    [Fact]
    public async Task A_mobile_member_registered_in_can_volunteer_at_the_destination()
    {
        var visitor = await service.RegisterAsync(service.D);
        await Json.ReadAsync(await service.As(service.D, "org-admin").PostAsJsonAsync($"/api/v1/members/{visitor.Id()}/flow-out",
            new { destinationOrgId = service.B, reason = "务工", from = service.Today, cardNumber = "LD-9" }), HttpStatusCode.OK);
        var admin = service.As(service.B, "org-admin");
        var team = await Json.ReadAsync(await admin.PostAsJsonAsync("/api/v1/service-teams",
            new { orgId = service.B, name = "农技服务队", skills = new[] { "agricultural-technology" } }), HttpStatusCode.Created);

        var tooEarly = await admin.PostAsJsonAsync($"/api/v1/service-teams/{team.Id()}/members", new { memberId = visitor.Id() });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooEarly.StatusCode);
        await Json.ReadAsync(await admin.PostAsJsonAsync($"/api/v1/members/{visitor.Id()}/flow-in", new { }), HttpStatusCode.OK);
        var joined = await Json.ReadAsync(await admin.PostAsJsonAsync($"/api/v1/service-teams/{team.Id()}/members", new { memberId = visitor.Id() }), HttpStatusCode.OK);
        Assert.Equal(1, joined.GetProperty("memberCount").GetInt32());
    }
}
