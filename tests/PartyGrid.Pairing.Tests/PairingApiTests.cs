using System.Net;
using System.Net.Http.Json;
using Npgsql;
using PartyGrid.Testing;

namespace PartyGrid.Pairing.Tests;

public sealed class PairingService : IAsyncLifetime
{
    public TestCounty County { get; } = new();

    public ServiceHost<Program> Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await ServiceHost<Program>.StartAsync(PairingServiceExtensions.ServiceName);
        await County.ProjectInto(Host.ConnectionString);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class PairingApiTests(PairingService service) : IClassFixture<PairingService>
{
    private TestCounty County => service.County;

    private object Proposal(Guid urban, Guid rural) => new
    {
        urbanOrgId = urban,
        ruralOrgId = rural,
        startsOn = "2026-01-01",
        endsOn = "2027-12-31",
        commitments = new object[]
        {
            new { kind = "funds", description = "产业发展资金", target = 100000, unit = "元", dueOn = "2027-06-30" },
            new { kind = "visit", description = "每季度走访", target = 8, unit = "次", dueOn = "2027-12-31" },
        },
    };

    [Fact]
    public async Task A_community_and_a_village_pair_record_activities_and_see_their_progress()
    {
        var admin = service.Host.ClientAs(County.S, "org-admin");
        var pairing = await Json.ReadAsync(await admin.PostAsJsonAsync("/api/v1/pairings", Proposal(County.U, County.A)), HttpStatusCode.Created);
        Assert.Equal("proposed", pairing.Text("status"));
        var id = pairing.Id();
        var funds = pairing.GetProperty("commitments")[0].GetProperty("id").GetGuid();

        var early = await service.Host.ClientAs(County.A, "staff").PostAsJsonAsync($"/api/v1/pairings/{id}/activities",
            new { kind = "visit", occurredOn = "2026-03-01", participants = 4, description = "走访" });
        Assert.Equal("record-activity-not-allowed", (await Json.ReadAsync(early, HttpStatusCode.Conflict)).Text("code"));

        // The proposing side cannot bind the village alone: the village side activates; either side's staff records.
        var alone = await admin.PostAsJsonAsync($"/api/v1/pairings/{id}/activate", new { });
        Assert.Equal(HttpStatusCode.Forbidden, alone.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.Host.ClientAs(County.U, "org-admin").PostAsJsonAsync($"/api/v1/pairings/{id}/activate", new { })).StatusCode);
        Assert.Equal("active", (await Json.ReadAsync(await service.Host.ClientAs(County.A, "org-admin").PostAsJsonAsync($"/api/v1/pairings/{id}/activate", new { }), HttpStatusCode.OK)).Text("status"));
        var activity = await Json.ReadAsync(await service.Host.ClientAs(County.A, "staff").PostAsJsonAsync($"/api/v1/pairings/{id}/activities",
            new { kind = "funds", occurredOn = "2026-04-01", participants = 3, fundsYuan = 25000, description = "拨付辣椒产业资金", commitmentId = funds }), HttpStatusCode.Created);
        Assert.Equal(25000m, activity.GetProperty("amount").GetDecimal());

        // The same report retried with its key is one activity: the funds count once.
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> ReportAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/pairings/{id}/activities")
            {
                Content = JsonContent.Create(new { kind = "funds", occurredOn = "2026-05-01", participants = 2, fundsYuan = 5000, description = "补充资金", commitmentId = funds }),
            };
            request.Headers.Add("Idempotency-Key", key);
            return await service.Host.ClientAs(County.U, "staff").SendAsync(request);
        }

        var reported = await Json.ReadAsync(await ReportAsync(), HttpStatusCode.Created);
        Assert.Equal(reported.Id(), (await Json.ReadAsync(await ReportAsync(), HttpStatusCode.Created)).Id());

        var progress = await Json.ReadAsync(await service.Host.ClientAs(County.T1, "viewer").GetAsync($"/api/v1/pairings/{id}/progress"), HttpStatusCode.OK);
        Assert.Equal(30000m, progress.GetProperty("commitments")[0].GetProperty("achieved").GetDecimal());
        Assert.Equal(0.3m, progress.GetProperty("commitments")[0].GetProperty("progress").GetDecimal());
        Assert.Equal(0.15m, progress.GetProperty("overall").GetDecimal());

        Assert.Equal(HttpStatusCode.NotFound, (await service.Host.ClientAs(County.T2, "viewer").GetAsync($"/api/v1/pairings/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.Host.ClientAs(County.A, "viewer").PostAsJsonAsync($"/api/v1/pairings/{id}/activities",
            new { kind = "visit", occurredOn = "2026-04-02", participants = 2, description = "x" })).StatusCode);
        var listed = await Json.ReadAsync(await service.Host.ClientAs(County.T1, "viewer").GetAsync("/api/v1/pairings?status=active"), HttpStatusCode.OK);
        Assert.Contains(id, listed.GetProperty("items").EnumerateArray().Select(p => p.Id()));

        var ended = await Json.ReadAsync(await admin.PostAsJsonAsync($"/api/v1/pairings/{id}/end", new { reason = "社区调整" }), HttpStatusCode.OK);
        Assert.Equal("ended-early", ended.Text("status"));

        await using var connection = new NpgsqlConnection(service.Host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT event_name, count(*) FROM outbox_messages WHERE payload->>'id' = @id OR payload->>'pairingId' = @id GROUP BY 1 ORDER BY 1", connection);
        command.Parameters.AddWithValue("id", id.ToString());
        var counts = new Dictionary<string, long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        Assert.Equal(new Dictionary<string, long> { ["pairing-activity-recorded"] = 2, ["pairing-changed"] = 5 }, counts);
    }

    [Fact]
    public async Task Proposals_outside_the_rules_or_the_callers_scope_are_refused()
    {
        var admin = service.Host.ClientAs(County.C, "admin");
        Assert.Equal("rural-side-not-a-village", (await Json.ReadAsync(await admin.PostAsJsonAsync("/api/v1/pairings", Proposal(County.U, County.T1)), HttpStatusCode.UnprocessableEntity)).Text("code"));
        Assert.Equal("urban-side-not-urban", (await Json.ReadAsync(await admin.PostAsJsonAsync("/api/v1/pairings", Proposal(County.B, County.A)), HttpStatusCode.UnprocessableEntity)).Text("code"));
        Assert.Equal("organisation-dissolved", (await Json.ReadAsync(await admin.PostAsJsonAsync("/api/v1/pairings", Proposal(County.U, County.X)), HttpStatusCode.UnprocessableEntity)).Text("code"));
        Assert.Equal(HttpStatusCode.BadRequest, (await service.Host.ClientAs(County.T2, "org-admin").PostAsJsonAsync("/api/v1/pairings", Proposal(County.U, County.A))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.Host.ClientAs(County.T1, "staff").PostAsJsonAsync("/api/v1/pairings", Proposal(County.U, County.A))).StatusCode);
        var bad = await Json.ReadAsync(await admin.PostAsJsonAsync("/api/v1/pairings", new { urbanOrgId = County.U, ruralOrgId = County.A, startsOn = "2026-01-01", endsOn = "2025-01-01", commitments = Array.Empty<object>() }), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("endsOn", out _));
        Assert.True(bad.GetProperty("errors").TryGetProperty("commitments", out _));
    }

    [Fact]
    public async Task A_member_visits_a_household_in_need()
    {
        var admin = service.Host.ClientAs(County.B, "org-admin");
        var helper = await TestCounty.ProjectMemberAsync(service.Host.ConnectionString, County.B);
        foreach (var stranger in new[] { Guid.NewGuid(), await TestCounty.ProjectMemberAsync(service.Host.ConnectionString, County.A) })
        {
            var refused = await admin.PostAsJsonAsync("/api/v1/household-pairings",
                new { orgId = County.B, memberId = stranger, household = new { head = "罗大爷", address = "金钟村二组", needs = "独居老人" } });
            Assert.True((await Json.ReadAsync(refused, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("memberId", out _));
        }

        var pairing = await Json.ReadAsync(await admin.PostAsJsonAsync("/api/v1/household-pairings",
            new { orgId = County.B, memberId = helper, household = new { head = "罗大爷", address = "金钟村二组", needs = "独居老人，行动不便" } }), HttpStatusCode.Created);
        var visited = await Json.ReadAsync(await service.Host.ClientAs(County.B, "staff").PostAsJsonAsync($"/api/v1/household-pairings/{pairing.Id()}/visits",
            new { visitedOn = "2026-10-30", note = "送米送油，检查用电安全" }), HttpStatusCode.OK);
        Assert.Equal("2026-10-30", visited.Text("lastVisitedOn"));
        Assert.Equal(1, visited.GetProperty("visits").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await service.Host.ClientAs(County.A, "viewer").GetAsync($"/api/v1/household-pairings/{pairing.Id()}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync($"/api/v1/household-pairings/{pairing.Id()}/visits", new { note = "x" })).StatusCode);
    }

    [Fact]
    public async Task The_household_is_shown_in_full_only_to_those_working_in_the_pairings_organisation()
    {
        var pairing = await Json.ReadAsync(await service.Host.ClientAs(County.B, "org-admin").PostAsJsonAsync("/api/v1/household-pairings",
            new { orgId = County.B, memberId = await TestCounty.ProjectMemberAsync(service.Host.ConnectionString, County.B), household = new { head = "罗大爷", address = "桐梓县金钟村二组5号", needs = "独居老人，行动不便" } }), HttpStatusCode.Created);
        var path = $"/api/v1/household-pairings/{pairing.Id()}";

        var working = await Json.ReadAsync(await service.Host.ClientAs(County.B, "staff").GetAsync(path), HttpStatusCode.OK);
        Assert.Equal(("罗大爷", "桐梓县金钟村二组5号", "独居老人，行动不便", false),
            (working.Text("householdHead"), working.Text("address"), working.Text("needs"), working.GetProperty("masked").GetBoolean()));

        foreach (var reader in new[]
        {
            service.Host.ClientAs(County.B, "viewer"),
            service.Host.ClientAs(County.T1, "org-admin"),
            service.Host.ClientAs(County.C, "admin"),
        })
        {
            var shown = await Json.ReadAsync(await reader.GetAsync(path), HttpStatusCode.OK);
            Assert.Equal(("罗**", "桐梓县金钟村**", true), (shown.Text("householdHead"), shown.Text("address"), shown.GetProperty("masked").GetBoolean()));
            Assert.Equal(System.Text.Json.JsonValueKind.Null, shown.GetProperty("needs").ValueKind);
        }

        var listed = await Json.ReadAsync(await service.Host.ClientAs(County.T1, "viewer").GetAsync($"/api/v1/household-pairings?orgId={County.B}"), HttpStatusCode.OK);
        Assert.All(listed.GetProperty("items").EnumerateArray(), h => Assert.True(h.GetProperty("masked").GetBoolean()));
    }
}
