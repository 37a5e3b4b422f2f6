using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartyGrid.Testing;

namespace PartyGrid.Members.Tests;

[Collection(MembersServiceCollection.Name)]
public sealed class MobilityApiTests(MembersService service)
{
    private static bool Lists(JsonElement page, Guid memberId) =>
        page.GetProperty("items").EnumerateArray().Any(f => f.GetProperty("memberId").GetGuid() == memberId);

    [Fact]
    public async Task A_flow_to_a_place_is_registered_in_by_the_home_side_and_cannot_be_claimed_by_another_township()
    {
        var member = await service.RegisterAsync(service.A);
        var home = service.As(service.A, "org-admin");
        await Json.ReadAsync(await home.PostAsJsonAsync($"/api/v1/members/{member.Id()}/flow-out",
            new { destinationPlace = "浙江省宁波市", reason = "务工", from = service.Today, cardNumber = "LD-2026-077" }), HttpStatusCode.OK);
        var flowIn = $"/api/v1/members/{member.Id()}/flow-in";

        // Another township's org-admin naming its own village: the member is not theirs to claim, nor even to know of.
        Assert.Equal(HttpStatusCode.NotFound, (await service.As(service.T2, "org-admin").PostAsJsonAsync(flowIn, new { orgId = service.D })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await service.As(service.D, "org-admin").PostAsJsonAsync(flowIn, new { orgId = service.D })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.As(service.A, "staff").PostAsJsonAsync(flowIn, new { orgId = service.D })).StatusCode);
        Assert.Equal("flowing-out", (await Json.ReadAsync(await home.GetAsync($"/api/v1/members/{member.Id()}"), HttpStatusCode.OK)).Text("flow"));

        var unknown = await home.PostAsJsonAsync(flowIn, new { orgId = Guid.NewGuid() });
        Assert.True((await Json.ReadAsync(unknown, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("orgId", out _));
        var registered = await Json.ReadAsync(await home.PostAsJsonAsync(flowIn, new { orgId = service.U }), HttpStatusCode.OK);
        Assert.Equal("flowing-in", registered.Text("status"));
    }

    [Fact]
    public async Task A_member_flows_out_is_registered_in_at_the_destination_and_returns()
    {
        var member = await service.RegisterAsync(service.A);
        var home = service.As(service.A, "org-admin");
        var flowOut = $"/api/v1/members/{member.Id()}/flow-out";

        var bad = await home.PostAsJsonAsync(flowOut, new { reason = "务工" });
        var errors = (await Json.ReadAsync(bad, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("destinationOrgId", out _));
        Assert.True(errors.TryGetProperty("from", out _));
        Assert.True(errors.TryGetProperty("cardNumber", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await service.As(service.D, "org-admin").PostAsJsonAsync(flowOut,
            new { destinationOrgId = service.D, reason = "务工", from = service.Today, cardNumber = "LD-1" })).StatusCode);

        var flow = await Json.ReadAsync(await home.PostAsJsonAsync(flowOut,
            new { destinationOrgId = service.U, reason = "务工", from = service.Today, expectedReturn = service.Today.AddMonths(3), cardNumber = "LD-2026-001" }),
            HttpStatusCode.OK);
        Assert.Equal("flowing-out", flow.Text("status"));
        var leaving = await home.PostAsJsonAsync($"/api/v1/members/{member.Id()}/leave", new { reason = "自愿退党" });
        Assert.Equal("flow-active", (await Json.ReadAsync(leaving, HttpStatusCode.Conflict)).Text("code"));
        var again = await home.PostAsJsonAsync(flowOut, new { destinationPlace = "浙江宁波", reason = "务工", from = service.Today, cardNumber = "LD-2" });
        Assert.Equal("already-flowing", (await Json.ReadAsync(again, HttpStatusCode.Conflict)).Text("code"));

        var outOfT1 = await Json.ReadAsync(await service.As(service.T1, "viewer").GetAsync("/api/v1/mobile-members?direction=out"), HttpStatusCode.OK);
        Assert.True(Lists(outOfT1, member.Id()));
        var intoS = await Json.ReadAsync(await service.As(service.S, "viewer").GetAsync("/api/v1/mobile-members?direction=in"), HttpStatusCode.OK);
        Assert.True(Lists(intoS, member.Id()));
        Assert.Equal(HttpStatusCode.BadRequest, (await service.As(service.S, "viewer").GetAsync("/api/v1/mobile-members?direction=sideways")).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await home.PostAsJsonAsync($"/api/v1/members/{member.Id()}/flow-in", new { })).StatusCode);
        var registered = await Json.ReadAsync(await service.As(service.U, "org-admin").PostAsJsonAsync($"/api/v1/members/{member.Id()}/flow-in", new { }), HttpStatusCode.OK);
        Assert.Equal("flowing-in", registered.Text("status"));
        var detail = await Json.ReadAsync(await home.GetAsync($"/api/v1/members/{member.Id()}"), HttpStatusCode.OK);
        Assert.Equal("flowing-in", detail.Text("flow"));
        Assert.Equal(service.A, detail.GetProperty("orgId").GetGuid());

        var returned = await Json.ReadAsync(await home.PostAsJsonAsync($"/api/v1/members/{member.Id()}/return", new { }), HttpStatusCode.OK);
        Assert.Equal("returned", returned.Text("status"));
        Assert.Equal("none", (await Json.ReadAsync(await home.GetAsync($"/api/v1/members/{member.Id()}"), HttpStatusCode.OK)).Text("flow"));
        intoS = await Json.ReadAsync(await service.As(service.S, "viewer").GetAsync("/api/v1/mobile-members?direction=in"), HttpStatusCode.OK);
        Assert.False(Lists(intoS, member.Id()));
        Assert.Equal("not-flowing", (await Json.ReadAsync(await home.PostAsJsonAsync($"/api/v1/members/{member.Id()}/return", new { }), HttpStatusCode.Conflict)).Text("code"));
    }

    [Fact]
    public async Task Members_away_over_six_months_are_prompted_and_lost_contact_is_counted()
    {
        var before = await Json.ReadAsync(await service.Admin().GetAsync($"/api/v1/mobile-members/summary?orgId={service.B}"), HttpStatusCode.OK);
        var longAway = await service.RegisterAsync(service.B);
        var recent = await service.RegisterAsync(service.B);
        var admin = service.As(service.B, "org-admin");
        await Json.ReadAsync(await admin.PostAsJsonAsync($"/api/v1/members/{longAway.Id()}/flow-out",
            new { destinationPlace = "广东省东莞市", reason = "务工", from = service.Today.AddMonths(-6), cardNumber = "LD-7" }), HttpStatusCode.OK);
        await Json.ReadAsync(await admin.PostAsJsonAsync($"/api/v1/members/{recent.Id()}/flow-out",
            new { destinationPlace = "贵阳市", reason = "陪读", from = service.Today.AddMonths(-6).AddDays(1), cardNumber = "LD-8" }), HttpStatusCode.OK);
        await Json.ReadAsync(await admin.PostAsJsonAsync($"/api/v1/members/{recent.Id()}/lost-contact", new { }), HttpStatusCode.OK);
        Assert.Equal("already-lost-contact", (await Json.ReadAsync(await admin.PostAsJsonAsync($"/api/v1/members/{recent.Id()}/lost-contact", new { }), HttpStatusCode.Conflict)).Text("code"));

        var prompts = await Json.ReadAsync(await admin.GetAsync("/api/v1/mobile-members/transfer-prompts"), HttpStatusCode.OK);
        var prompted = prompts.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("memberId").GetGuid()).ToList();
        Assert.Contains(longAway.Id(), prompted);
        Assert.DoesNotContain(recent.Id(), prompted);
        Assert.Equal(prompts.GetProperty("items").GetArrayLength(), prompts.GetProperty("count").GetInt32());

        var after = await Json.ReadAsync(await admin.GetAsync($"/api/v1/mobile-members/summary?orgId={service.B}"), HttpStatusCode.OK);
        Assert.Equal(before.GetProperty("flowingOut").GetInt32() + 2, after.GetProperty("flowingOut").GetInt32());
        Assert.Equal(before.GetProperty("lostContact").GetInt32() + 1, after.GetProperty("lostContact").GetInt32());
        Assert.Equal(before.GetProperty("transferPrompts").GetInt32() + 1, after.GetProperty("transferPrompts").GetInt32());
        var lost = await Json.ReadAsync(await admin.GetAsync("/api/v1/mobile-members?lostContact=true"), HttpStatusCode.OK);
        Assert.True(Lists(lost, recent.Id()));
        Assert.False(Lists(lost, longAway.Id()));
        Assert.Equal(HttpStatusCode.NotFound, (await service.As(service.A, "viewer").GetAsync($"/api/v1/mobile-members/summary?orgId={service.B}")).StatusCode);
    }
}
