using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using PartyGrid.Members.Jobs;
using PartyGrid.Testing;

namespace PartyGrid.Members.Tests;

[Collection(MembersServiceCollection.Name)]
public sealed class TransferApiTests(MembersService service)
{
    private async Task<JsonElement> RequestAsync(Guid memberId, Guid toOrgId, HttpClient? caller = null, int validDays = 90)
    {
        var response = await (caller ?? service.Admin()).PostAsJsonAsync("/api/v1/transfers", new { memberId, toOrgId, reason = "工作调动", validDays });
        return await Json.ReadAsync(response, HttpStatusCode.Created);
    }

    private Task<HttpResponseMessage> ActAsync(Guid homeOrg, Guid transferId, string action, object? body = null) =>
        service.As(homeOrg, "org-admin").PostAsJsonAsync($"/api/v1/transfers/{transferId}/{action}", body ?? new { });

    [Fact]
    public async Task Villages_of_different_townships_complete_a_transfer_step_by_step()
    {
        var member = await service.RegisterAsync(service.A);
        var transfer = await RequestAsync(member.Id(), service.D, service.As(service.A, "org-admin"));
        Assert.Equal("requested", transfer.Text("status"));
        var chain = transfer.GetProperty("steps").EnumerateArray().Select(s => (s.GetProperty("orgId").GetGuid(), s.Text("kind"), s.Text("decision"))).ToList();
        Assert.Equal(
            [(service.A, "approval", "pending"), (service.T1, "approval", "pending"), (service.C, "approval", "pending"),
             (service.T2, "approval", "pending"), (service.D, "receipt", "pending")],
            chain);

        var id = transfer.Id();
        Assert.Equal("approval-out-of-order", (await Json.ReadAsync(await ActAsync(service.C, id, "approve"), HttpStatusCode.Conflict)).Text("code"));
        Assert.Equal(HttpStatusCode.NotFound, (await ActAsync(service.B, id, "approve")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ActAsync(service.U, id, "approve")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.As(service.A, "viewer").PostAsJsonAsync($"/api/v1/transfers/{id}/approve", new { })).StatusCode);

        foreach (var org in new[] { service.A, service.T1, service.C, service.T2 })
        {
            var approved = await Json.ReadAsync(await ActAsync(org, id, "approve", new { comment = "同意" }), HttpStatusCode.OK);
            Assert.Equal(org == service.T2 ? "awaiting-receipt" : "in-approval", approved.Text("status"));
            var stillHome = await Json.ReadAsync(await service.Admin().GetAsync($"/api/v1/members/{member.Id()}"), HttpStatusCode.OK);
            Assert.Equal(service.A, stillHome.GetProperty("orgId").GetGuid());
        }

        Assert.Equal("transfer-not-cancellable", (await Json.ReadAsync(await ActAsync(service.A, id, "cancel"), HttpStatusCode.Conflict)).Text("code"));
        var received = await Json.ReadAsync(await ActAsync(service.D, id, "receive"), HttpStatusCode.OK);
        Assert.Equal("completed", received.Text("status"));
        var moved = await Json.ReadAsync(await service.Admin().GetAsync($"/api/v1/members/{member.Id()}"), HttpStatusCode.OK);
        Assert.Equal(service.D, moved.GetProperty("orgId").GetGuid());

        var awaiting = await Json.ReadAsync(await service.As(service.D, "viewer").GetAsync("/api/v1/transfers?status=completed"), HttpStatusCode.OK);
        Assert.Contains(id, awaiting.GetProperty("items").EnumerateArray().Select(t => t.Id()));

        var events = await OutboxAsync(member.Id(), id);
        Assert.Contains("transfer-completed", events);
        Assert.Equal(2, events.Count(e => e == "member-changed"));
    }

    [Fact]
    public async Task An_urban_member_moves_to_a_rural_village_and_the_awaiting_list_follows_the_chain()
    {
        var member = await service.RegisterAsync(service.U);
        var id = (await RequestAsync(member.Id(), service.B)).Id();

        var waitingForS = await Json.ReadAsync(await service.As(service.S, "org-admin").GetAsync($"/api/v1/transfers?orgId={service.S}&awaiting=true"), HttpStatusCode.OK);
        Assert.DoesNotContain(id, waitingForS.GetProperty("items").EnumerateArray().Select(t => t.Id()));
        await Json.ReadAsync(await ActAsync(service.U, id, "approve"), HttpStatusCode.OK);
        waitingForS = await Json.ReadAsync(await service.As(service.S, "org-admin").GetAsync($"/api/v1/transfers?orgId={service.S}&awaiting=true"), HttpStatusCode.OK);
        Assert.Contains(id, waitingForS.GetProperty("items").EnumerateArray().Select(t => t.Id()));

        foreach (var org in new[] { service.S, service.C, service.T1 })
        {
            await Json.ReadAsync(await ActAsync(org, id, "approve"), HttpStatusCode.OK);
        }

        Assert.Equal("completed", (await Json.ReadAsync(await ActAsync(service.B, id, "receive"), HttpStatusCode.OK)).Text("status"));
    }

    [Fact]
    public async Task A_rejection_ends_the_transfer_and_a_new_one_can_be_requested()
    {
        var member = await service.RegisterAsync(service.A);
        var id = (await RequestAsync(member.Id(), service.B)).Id();
        var duplicate = await service.Admin().PostAsJsonAsync("/api/v1/transfers", new { memberId = member.Id(), toOrgId = service.D, reason = "x", validDays = 30 });
        Assert.Equal("transfer-open", (await Json.ReadAsync(duplicate, HttpStatusCode.Conflict)).Text("code"));
        var leaving = await service.Admin().PostAsJsonAsync($"/api/v1/members/{member.Id()}/leave", new { reason = "自愿退党" });
        Assert.Equal("transfer-open", (await Json.ReadAsync(leaving, HttpStatusCode.Conflict)).Text("code"));

        await Json.ReadAsync(await ActAsync(service.A, id, "approve"), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Forbidden, (await ActAsync(service.C, id, "reject", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ActAsync(service.T1, id, "reject")).StatusCode);
        var rejected = await Json.ReadAsync(await ActAsync(service.T1, id, "reject", new { reason = "材料不全" }), HttpStatusCode.OK);
        Assert.Equal("rejected", rejected.Text("status"));
        Assert.Equal("材料不全", rejected.Text("closingNote"));
        Assert.Equal("transfer-closed", (await Json.ReadAsync(await ActAsync(service.B, id, "receive"), HttpStatusCode.Conflict)).Text("code"));

        var member2 = await Json.ReadAsync(await service.Admin().GetAsync($"/api/v1/members/{member.Id()}"), HttpStatusCode.OK);
        Assert.Equal(service.A, member2.GetProperty("orgId").GetGuid());
        await RequestAsync(member.Id(), service.B);
    }

    [Fact]
    public async Task A_request_retried_with_its_idempotency_key_is_one_transfer()
    {
        var member = await service.RegisterAsync(service.B);
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> SendAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/transfers")
            {
                Content = JsonContent.Create(new { memberId = member.Id(), toOrgId = service.D, reason = "工作调动", validDays = 30 }),
            };
            request.Headers.Add("Idempotency-Key", key);
            return await service.As(service.B, "org-admin").SendAsync(request);
        }

        var first = await Json.ReadAsync(await SendAsync(), HttpStatusCode.Created);
        Assert.Equal(first.Id(), (await Json.ReadAsync(await SendAsync(), HttpStatusCode.Created)).Id());
    }

    [Fact]
    public async Task Cancel_works_only_before_the_first_approval_and_only_for_the_sending_side()
    {
        var member = await service.RegisterAsync(service.B);
        var id = (await RequestAsync(member.Id(), service.A)).Id();
        Assert.Equal(HttpStatusCode.Forbidden, (await ActAsync(service.A, id, "cancel")).StatusCode);
        Assert.Equal("cancelled", (await Json.ReadAsync(await ActAsync(service.B, id, "cancel"), HttpStatusCode.OK)).Text("status"));
    }

    [Fact]
    public async Task Bad_requests_are_refused_with_the_field_or_the_rule()
    {
        var member = await service.RegisterAsync(service.A);
        // Values of the wrong type are refused at binding, every one of them named, before any rule runs.
        var mistyped = await service.Admin().PostAsJsonAsync("/api/v1/transfers", new { memberId = "nope", toOrgId = 7, reason = "x", validDays = "45" });
        var wrong = (await Json.ReadAsync(mistyped, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal("must be a uuid", wrong.GetProperty("memberId")[0].GetString());
        Assert.Equal("must be a uuid", wrong.GetProperty("toOrgId")[0].GetString());
        Assert.Equal("must be a whole number in range", wrong.GetProperty("validDays")[0].GetString());
        Assert.False(wrong.TryGetProperty("reason", out _));

        var bad = await service.Admin().PostAsJsonAsync("/api/v1/transfers", new { toOrgId = service.B, reason = "", validDays = 45 });
        var errors = (await Json.ReadAsync(bad, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("memberId", out _));
        Assert.True(errors.TryGetProperty("reason", out _));
        Assert.True(errors.TryGetProperty("validDays", out _));

        var same = await service.Admin().PostAsJsonAsync("/api/v1/transfers", new { memberId = member.Id(), toOrgId = service.A, reason = "x", validDays = 30 });
        Assert.Equal("same-organisation", (await Json.ReadAsync(same, HttpStatusCode.UnprocessableEntity)).Text("code"));
        var dissolved = await service.Admin().PostAsJsonAsync("/api/v1/transfers", new { memberId = member.Id(), toOrgId = service.X, reason = "x", validDays = 30 });
        Assert.Equal("organisation-dissolved", (await Json.ReadAsync(dissolved, HttpStatusCode.UnprocessableEntity)).Text("code"));
    }

    [Fact]
    public async Task A_transfer_past_its_validity_is_expired_by_the_job_and_refuses_decisions()
    {
        var member = await service.RegisterAsync(service.A);
        var transfer = await RequestAsync(member.Id(), service.B, validDays: 30);
        var id = transfer.Id();
        Assert.Equal(service.Today.AddDays(30).ToString("yyyy-MM-dd"), transfer.Text("validUntil"));
        await Json.ReadAsync(await ActAsync(service.A, id, "approve"), HttpStatusCode.OK);

        // Advancing the clock also wakes the service's own timer, so the job may run before the call
        // below does; either way the transfer ends expired exactly once.
        service.Host.Time.Advance(TimeSpan.FromDays(31));
        await RunExpiryAsync();
        var expired = await Json.ReadAsync(await service.Admin().GetAsync($"/api/v1/transfers/{id}"), HttpStatusCode.OK);
        Assert.Equal("expired", expired.Text("status"));
        Assert.Equal(JsonValueKind.Null, expired.GetProperty("awaitingOrgId").ValueKind);
        Assert.Equal(0, await RunExpiryAsync());
        Assert.Equal("transfer-closed", (await Json.ReadAsync(await ActAsync(service.T1, id, "approve"), HttpStatusCode.Conflict)).Text("code"));
        await RequestAsync(member.Id(), service.B);
    }

    private async Task<List<string>> OutboxAsync(Guid memberId, Guid transferId)
    {
        await using var connection = new NpgsqlConnection(service.Host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT event_name FROM outbox_messages WHERE payload->>'id' = @member OR payload->>'transferId' = @transfer ORDER BY id", connection);
        command.Parameters.AddWithValue("member", memberId.ToString());
        command.Parameters.AddWithValue("transfer", transferId.ToString());
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    /// <summary>Expires transfers now, as the operator's dashboard command does; returns how many it expired.</summary>
    private async Task<int> RunExpiryAsync() =>
        (await Json.ReadAsync(await service.Admin().PostAsync("/api/v1/members/jobs/transfer-expiry/run", null), HttpStatusCode.OK)).GetProperty("handled").GetInt32();
}
