using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartyGrid.Testing;
using PartyGrid.Tickets.Jobs;

namespace PartyGrid.Tickets.Tests;

[Collection(TicketsServiceCollection.Name)]
public sealed class LifecycleApiTests(TicketsService service)
{
    private TestCounty County => service.County;

    /// <summary>Runs the deadline job until the ticket shows what is expected (the service's own timer may run it too).</summary>
    private async Task<JsonElement> AfterClockAsync(Guid ticketId, Func<JsonElement, bool> expected, string what) =>
        await Eventually.Until(
            async () =>
            {
                await service.RunClockAsync();
                return await service.GetAsync(ticketId);
            },
            expected,
            what: what);

    [Fact]
    public async Task A_handler_escalates_village_to_township_to_county_and_no_further()
    {
        var ticket = await service.SubmitAsync(County.A);
        var id = ticket.Id();
        await service.ActAsync(County.A, id, "accept");
        Assert.Equal(HttpStatusCode.BadRequest, (await service.Staff(County.A).PostAsJsonAsync($"/api/v1/tickets/{id}/escalate", new { })).StatusCode);

        var atTownship = await service.ActAsync(County.A, id, "escalate", new { reason = "涉及土地权属，超出村级权限" });
        Assert.Equal((County.T1, "township", "submitted", 1), (atTownship.GetProperty("currentOrgId").GetGuid(), atTownship.Text("tier"), atTownship.Text("status"), atTownship.GetProperty("escalationCount").GetInt32()));
        Assert.True(atTownship.GetProperty("resolutionDueAt").GetDateTimeOffset() > ticket.GetProperty("resolutionDueAt").GetDateTimeOffset());

        // The village no longer works it but still follows it.
        Assert.Equal(HttpStatusCode.Forbidden, (await service.Staff(County.A).PostAsJsonAsync($"/api/v1/tickets/{id}/accept", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.Staff(County.A).GetAsync($"/api/v1/tickets/{id}")).StatusCode);

        var atCounty = await service.ActAsync(County.T1, id, "escalate", new { reason = "乡镇调解未果" });
        Assert.Equal((County.C, "county"), (atCounty.GetProperty("currentOrgId").GetGuid(), atCounty.Text("tier")));
        var top = await service.ActAsync(County.C, id, "escalate", new { reason = "x" }, HttpStatusCode.Conflict);
        Assert.Equal("top-tier", top.Text("code"));

        var timeline = (await service.GetAsync(id)).GetProperty("timeline").EnumerateArray().Select(e => e.Text("action")).ToList();
        Assert.Equal(["submitted", "accepted", "escalated", "escalated"], timeline);
        var escalations = (await service.EventsAsync(id)).Where(e => e.Name == "ticket-escalated").Select(e => e.Body.GetProperty("toTier").GetString()).ToList();
        Assert.Equal(["township", "county"], escalations);
    }

    [Fact]
    public async Task Overdue_tickets_climb_one_tier_per_passed_deadline_and_end_under_supervision_at_the_county()
    {
        var id = (await service.SubmitAsync(County.B)).Id();

        service.Host.Time.Advance(TimeSpan.FromDays(8));
        var township = await AfterClockAsync(id, t => t.Text("tier") == "township", "escalated to the township");
        Assert.Equal(County.T1, township.GetProperty("currentOrgId").GetGuid());
        Assert.False(township.GetProperty("overdue").GetBoolean());

        service.Host.Time.Advance(TimeSpan.FromDays(15));
        await AfterClockAsync(id, t => t.Text("tier") == "county", "escalated to the county");

        service.Host.Time.Advance(TimeSpan.FromDays(22));
        var supervised = await AfterClockAsync(id, t => t.GetProperty("supervised").GetBoolean(), "supervised at the county");
        Assert.Equal(County.C, supervised.GetProperty("currentOrgId").GetGuid());
        Assert.Equal(2, supervised.GetProperty("escalationCount").GetInt32());
        Assert.True(supervised.GetProperty("overdue").GetBoolean());

        // Nothing more happens for the same deadline, however often the job runs.
        await service.RunClockAsync();
        var escalated = (await service.EventsAsync(id)).Where(e => e.Name == "ticket-escalated").Select(e => e.Body).ToList();
        Assert.Equal(3, escalated.Count);
        Assert.All(escalated, e => Assert.True(e.GetProperty("automatic").GetBoolean()));
        Assert.True(escalated[2].GetProperty("supervision").GetBoolean());
        var actions = (await service.GetAsync(id)).GetProperty("timeline").EnumerateArray().Select(e => e.Text("action")).ToList();
        Assert.Equal(["submitted", "escalated-automatically", "escalated-automatically", "supervised"], actions);
    }

    [Fact]
    public async Task A_rating_of_one_reopens_for_rectification_and_an_unrated_resolution_closes_by_itself()
    {
        var rated = (await service.SubmitAsync(County.D)).Id();
        await service.ActAsync(County.D, rated, "accept");
        await service.ActAsync(County.D, rated, "assign", new { memberId = await TestCounty.ProjectMemberAsync(service.Host.ConnectionString, County.D) });
        await service.ActAsync(County.D, rated, "resolve", new { resolution = "已协调疏通排水沟" });
        var reopened = await service.ActAsync(County.T2, rated, "rate", new { score = 1, comment = "没有解决" });
        Assert.Equal(("reopened", 1, 1), (reopened.Text("status"), reopened.GetProperty("reopenCount").GetInt32(), reopened.GetProperty("rating").GetInt32()));
        Assert.Equal(HttpStatusCode.BadRequest, (await service.Staff(County.T2).PostAsJsonAsync($"/api/v1/tickets/{rated}/rate", new { score = 6 })).StatusCode);

        var unrated = (await service.SubmitAsync(County.D)).Id();
        await service.ActAsync(County.D, unrated, "resolve", new { resolution = "当场解决" });
        service.Host.Time.Advance(TimeSpan.FromDays(8));
        var closed = await AfterClockAsync(unrated, t => t.Text("status") == "closed", "auto-closed");
        Assert.Equal("closed-automatically", closed.GetProperty("timeline").EnumerateArray().Last().Text("action"));
        Assert.Equal("system", closed.GetProperty("timeline").EnumerateArray().Last().Text("actor"));
    }

    [Fact]
    public async Task Suspension_keeps_the_clock_still_through_the_api()
    {
        var id = (await service.SubmitAsync(County.U)).Id();
        var accepted = await service.ActAsync(County.U, id, "accept");
        await service.ActAsync(County.U, id, "suspend", new { reason = "等待群众补充证明材料" });
        Assert.Equal("suspend-not-allowed", (await service.ActAsync(County.U, id, "suspend", new { reason = "x" }, HttpStatusCode.Conflict)).Text("code"));
        Assert.Equal("resolve-not-allowed", (await service.ActAsync(County.U, id, "resolve", new { resolution = "x" }, HttpStatusCode.Conflict)).Text("code"));

        service.Host.Time.Advance(TimeSpan.FromDays(30));
        await service.RunClockAsync();
        Assert.Equal("suspended", (await service.GetAsync(id)).Text("status"));

        var resumed = await service.ActAsync(County.U, id, "resume");
        Assert.Equal("accepted", resumed.Text("status"));
        Assert.False(resumed.GetProperty("overdue").GetBoolean());
        var calendar = Calendar.WorkingCalendar.Of(Calendar.NationalHolidays.Of2026());
        DateTimeOffset At(string action) => resumed.GetProperty("timeline").EnumerateArray().Single(e => e.Text("action") == action).GetProperty("at").GetDateTimeOffset();
        Assert.Equal(
            calendar.Between(At("suspended"), accepted.GetProperty("resolutionDueAt").GetDateTimeOffset()),
            calendar.Between(At("resumed"), resumed.GetProperty("resolutionDueAt").GetDateTimeOffset()));
    }

    [Fact]
    public async Task Each_role_works_and_reads_only_within_its_scope()
    {
        var id = (await service.SubmitAsync(County.A)).Id();
        Assert.Equal(HttpStatusCode.Forbidden, (await service.As(County.A, "viewer").PostAsJsonAsync($"/api/v1/tickets/{id}/accept", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.As(County.A, "org-admin").PostAsJsonAsync($"/api/v1/tickets/{id}/accept", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.As(County.T1, "viewer").GetAsync($"/api/v1/tickets/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await service.Staff(County.B).GetAsync($"/api/v1/tickets/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await service.Staff(County.T2).PostAsJsonAsync($"/api/v1/tickets/{id}/accept", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await service.Staff(County.T2).GetAsync($"/api/v1/tickets?orgId={County.A}")).StatusCode);
        await service.ActAsync(County.T1, id, "accept");

        var mine = await Json.ReadAsync(await service.As(County.T1, "viewer").GetAsync($"/api/v1/tickets?orgId={County.T1}&subtree=true&limit=200"), HttpStatusCode.OK);
        Assert.Contains(id, mine.GetProperty("items").EnumerateArray().Select(t => t.Id()));
        var theirs = await Json.ReadAsync(await service.As(County.T2, "viewer").GetAsync("/api/v1/tickets?subtree=true&limit=200"), HttpStatusCode.OK);
        Assert.DoesNotContain(id, theirs.GetProperty("items").EnumerateArray().Select(t => t.Id()));
    }

    [Fact]
    public async Task A_ticket_is_assigned_only_to_an_active_member_at_or_under_the_site_holding_it()
    {
        var id = (await service.SubmitAsync(County.A)).Id();
        await service.ActAsync(County.A, id, "accept");
        var here = await TestCounty.ProjectMemberAsync(service.Host.ConnectionString, County.G);
        var elsewhere = await TestCounty.ProjectMemberAsync(service.Host.ConnectionString, County.B);
        var departed = await TestCounty.ProjectMemberAsync(service.Host.ConnectionString, County.A, "left");
        foreach (var member in new[] { Guid.NewGuid(), elsewhere, departed })
        {
            var refused = await service.Staff(County.A).PostAsJsonAsync($"/api/v1/tickets/{id}/assign", new { memberId = member });
            Assert.True((await Json.ReadAsync(refused, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("memberId", out _));
        }

        Assert.Equal("accepted", (await service.GetAsync(id)).Text("status"));
        var assigned = await service.ActAsync(County.A, id, "assign", new { memberId = here });
        Assert.Equal((here, "in-progress"), (assigned.GetProperty("assignedMemberId").GetGuid(), assigned.Text("status")));
    }

    [Fact]
    public async Task A_ticket_is_handed_to_a_service_team_at_or_under_the_site_holding_it_or_to_a_member_never_both()
    {
        var id = (await service.SubmitAsync(County.A)).Id();
        await service.ActAsync(County.A, id, "accept");
        var here = await TestCounty.ProjectServiceTeamAsync(service.Host.ConnectionString, County.G);
        var elsewhere = await TestCounty.ProjectServiceTeamAsync(service.Host.ConnectionString, County.B);
        foreach (var team in new[] { Guid.NewGuid(), elsewhere })
        {
            var refused = await service.Staff(County.A).PostAsJsonAsync($"/api/v1/tickets/{id}/assign", new { teamId = team });
            Assert.True((await Json.ReadAsync(refused, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("teamId", out _));
        }

        var member = await TestCounty.ProjectMemberAsync(service.Host.ConnectionString, County.A);
        foreach (var body in new object[] { new { }, new { memberId = member, teamId = here }, new { teamId = "not-an-id" } })
        {
            var refused = await Json.ReadAsync(await service.Staff(County.A).PostAsJsonAsync($"/api/v1/tickets/{id}/assign", body), HttpStatusCode.BadRequest);
            Assert.NotEmpty(refused.GetProperty("errors").EnumerateObject());
        }

        Assert.Equal("accepted", (await service.GetAsync(id)).Text("status"));
        var toTeam = await service.ActAsync(County.A, id, "assign", new { teamId = here });
        Assert.Equal((here, JsonValueKind.Null, "in-progress"),
            (toTeam.GetProperty("assignedTeamId").GetGuid(), toTeam.GetProperty("assignedMemberId").ValueKind, toTeam.Text("status")));

        var toMember = await service.ActAsync(County.A, id, "assign", new { memberId = member });
        Assert.Equal((member, JsonValueKind.Null), (toMember.GetProperty("assignedMemberId").GetGuid(), toMember.GetProperty("assignedTeamId").ValueKind));
    }

    [Fact]
    public async Task The_rating_is_given_through_the_requesters_channel_never_by_the_site_that_resolved_it()
    {
        var walkIn = (await service.SubmitAsync(County.A)).Id();
        await service.ActAsync(County.A, walkIn, "resolve", new { resolution = "已调解" });
        var own = await service.Staff(County.A).PostAsJsonAsync($"/api/v1/tickets/{walkIn}/rate", new { score = 5 });
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.As(County.T1, "viewer").PostAsJsonAsync($"/api/v1/tickets/{walkIn}/rate", new { score = 5 })).StatusCode);
        using var hotline = service.Host.ClientForPartner(County.T1, PartyGrid.ServiceDefaults.Identity.PartnerScopes.TicketsWrite, PartyGrid.ServiceDefaults.Identity.PartnerScopes.TicketsRead);
        Assert.Equal(HttpStatusCode.Forbidden, (await hotline.PostAsJsonAsync($"/api/v1/tickets/{walkIn}/rate", new { score = 5 })).StatusCode);
        Assert.Equal("resolved", (await service.GetAsync(walkIn)).Text("status"));
        Assert.Equal("closed", (await service.ActAsync(County.T1, walkIn, "rate", new { score = 5 })).Text("status"));

        var body = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(TicketsService.NewTicket(County.A)))!.AsObject();
        body["channel"] = "partner";
        var submitted = await Json.ReadAsync(await hotline.PostAsJsonAsync("/api/v1/tickets", body), HttpStatusCode.Created);
        await service.ActAsync(County.A, submitted.Id(), "resolve", new { resolution = "已答复" });
        using var otherHotline = service.Host.ClientForPartner(County.T1, PartyGrid.ServiceDefaults.Identity.PartnerScopes.TicketsWrite, PartyGrid.ServiceDefaults.Identity.PartnerScopes.TicketsRead);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherHotline.PostAsJsonAsync($"/api/v1/tickets/{submitted.Id()}/rate", new { score = 4 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.Staff(County.T1).PostAsJsonAsync($"/api/v1/tickets/{submitted.Id()}/rate", new { score = 4 })).StatusCode);
        var rated = await Json.ReadAsync(await hotline.PostAsJsonAsync($"/api/v1/tickets/{submitted.Id()}/rate", new { score = 4 }), HttpStatusCode.OK);
        Assert.Equal("closed", rated.Text("status"));
    }

    [Fact]
    public async Task The_ticket_changed_snapshot_carries_what_assessment_counts_and_no_personal_data()
    {
        var id = (await service.SubmitAsync(County.G)).Id();
        await service.ActAsync(County.A, id, "accept");
        await service.ActAsync(County.A, id, "escalate", new { reason = "需要乡镇协调" });
        var resolved = await service.ActAsync(County.T1, id, "resolve", new { resolution = "乡镇司法所调解成功" });
        await service.ActAsync(County.G, id, "rate", new { score = 4 });

        var snapshots = (await service.EventsAsync(id)).Where(e => e.Name == "ticket-changed").Select(e => e.Body).ToList();
        Assert.Equal(5, snapshots.Count);
        Assert.True(snapshots.Zip(snapshots.Skip(1)).All(p => p.Second.GetProperty("version").GetInt64() > p.First.GetProperty("version").GetInt64()));
        var last = snapshots[^1];
        Assert.Equal("closed", last.GetProperty("status").GetString());
        Assert.Equal(County.G, last.GetProperty("intakeOrganisationId").GetGuid());
        Assert.Equal("group", last.GetProperty("intakeTier").GetString());
        Assert.Equal(County.T1, last.GetProperty("currentOrganisationId").GetGuid());
        Assert.Equal("township", last.GetProperty("currentTier").GetString());
        Assert.Equal(County.T1, last.GetProperty("resolvedOrganisationId").GetGuid());
        Assert.Equal("township", last.GetProperty("resolvedTier").GetString());
        Assert.Equal(1, last.GetProperty("escalationCount").GetInt32());
        Assert.False(last.GetProperty("resolvedLocally").GetBoolean());
        Assert.Equal(0, last.GetProperty("reopenCount").GetInt32());
        Assert.Equal(4, last.GetProperty("rating").GetInt32());
        Assert.Equal("dispute", last.GetProperty("category").GetString());
        Assert.Equal("walk-in", last.GetProperty("channel").GetString());
        Assert.Equal(resolved.GetProperty("resolvedAt").GetDateTimeOffset(), last.GetProperty("resolvedAt").GetDateTimeOffset());
        Assert.NotEqual(JsonValueKind.Null, last.GetProperty("acceptedAt").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, last.GetProperty("closedAt").ValueKind);
        var text = last.ToString();
        Assert.DoesNotContain("王大妈", text, StringComparison.Ordinal);
        Assert.DoesNotContain("13985123456", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_group_s_matter_settled_at_its_village_is_resolved_locally_in_the_snapshot_assessment_reads()
    {
        var id = (await service.SubmitAsync(County.G)).Id();
        await service.ActAsync(County.A, id, "resolve", new { resolution = "村调委会调解成功" });
        var snapshot = (await service.EventsAsync(id)).Last(e => e.Name == "ticket-changed").Body;
        Assert.Equal(("group", "village"), (snapshot.GetProperty("intakeTier").GetString(), snapshot.GetProperty("resolvedTier").GetString()));
        Assert.True(snapshot.GetProperty("resolvedLocally").GetBoolean());
    }

    [Fact]
    public async Task Stats_count_tickets_taken_in_a_subtree_and_the_share_resolved_locally()
    {
        var before = await Json.ReadAsync(await service.As(County.T2, "viewer").GetAsync("/api/v1/tickets/stats"), HttpStatusCode.OK);
        var consultation = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(TicketsService.NewTicket(County.D, "consultation", "agricultural-technology")))!;
        consultation["attributes"] = new System.Text.Json.Nodes.JsonObject { ["crop"] = "辣椒" };
        var local = (await service.SubmitAsync(County.D, consultation)).Id();
        await service.ActAsync(County.D, local, "resolve", new { resolution = "现场指导病虫害防治" });
        var up = (await service.SubmitAsync(County.D)).Id();
        await service.ActAsync(County.D, up, "escalate", new { reason = "需乡镇调解" });
        await service.ActAsync(County.T2, up, "resolve", new { resolution = "镇调解成功" });

        var after = await Json.ReadAsync(await service.As(County.T2, "viewer").GetAsync("/api/v1/tickets/stats"), HttpStatusCode.OK);
        int Count(JsonElement s, string group, string key) => s.GetProperty(group).TryGetProperty(key, out var n) ? n.GetInt32() : 0;
        Assert.Equal(before.GetProperty("total").GetInt32() + 2, after.GetProperty("total").GetInt32());
        Assert.Equal(Count(before, "byCategory", "consultation") + 1, Count(after, "byCategory", "consultation"));
        Assert.Equal(Count(before, "byTier", "township") + 1, Count(after, "byTier", "township"));
        Assert.Equal(before.GetProperty("resolved").GetInt32() + 2, after.GetProperty("resolved").GetInt32());
        Assert.Equal(before.GetProperty("resolvedLocally").GetInt32() + 1, after.GetProperty("resolvedLocally").GetInt32());
        Assert.Equal(
            Math.Round(after.GetProperty("resolvedLocally").GetDouble() / after.GetProperty("resolved").GetDouble(), 4),
            after.GetProperty("localResolutionRate").GetDouble());
        Assert.Equal(HttpStatusCode.NotFound, (await service.As(County.T1, "viewer").GetAsync($"/api/v1/tickets/stats?orgId={County.T2}")).StatusCode);
    }

    [Fact]
    public async Task Only_admin_edits_the_catalogue_and_a_broken_one_is_refused()
    {
        var get = await service.Staff(County.A).GetAsync("/api/v1/ticket-categories");
        var catalogue = await Json.ReadAsync(get, HttpStatusCode.OK);
        Assert.Equal(5, catalogue.GetProperty("categories").GetArrayLength());
        var body = new { categories = catalogue.GetProperty("categories") };

        Assert.Equal(HttpStatusCode.Forbidden, (await service.Staff(County.A).PutAsJsonAsync("/api/v1/ticket-categories", body)).StatusCode);
        var broken = await service.As(County.C, "admin").PutAsJsonAsync("/api/v1/ticket-categories", new { categories = catalogue.GetProperty("categories").EnumerateArray().Take(4) });
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);

        var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/ticket-categories") { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(get.Headers.ETag!);
        var saved = await Json.ReadAsync(await service.As(County.C, "admin").SendAsync(request), HttpStatusCode.OK);
        Assert.Equal(catalogue.GetProperty("version").GetInt64() + 1, saved.GetProperty("version").GetInt64());
    }
}
