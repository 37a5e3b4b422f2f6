using System.Net;
using System.Text.Json;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.EndToEnd.Tests.Webhooks;

/// <summary>
/// Webhooks against the whole app: a partner key subscribes through the gateway, a ticket lives its
/// life, and a receiver on 127.0.0.1 (allowed by the test run's <c>Webhooks:AllowPrivateTargets</c>)
/// gets signed deliveries that an independent implementation of Standard Webhooks accepts.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class WebhookTests(PartyGridApp app)
{
    private readonly Organisations organisations = new(app);
    private readonly PartnerKeys keys = new(app);

    private async Task<(Guid Village, string Key, Guid Township)> PartnerAsync(string prefix)
    {
        var (township, village) = await organisations.TownshipAndVillageAsync($"{prefix}县", $"{prefix}镇", $"{prefix}村", "tickets");
        await Eventually.Until(() => new ServiceDatabases(app).ProjectedOrganisationAsync("notifications", village), r => r is not null, what: "notifications projection");
        var (_, key) = await keys.CreateAsync(township, ["tickets:write", "tickets:read"]);
        return (village, key, township);
    }

    private async Task<JsonElement> SubscribeAsync(string key, string url, params string[] types) =>
        await Json.ReadAsync(await keys.SendAsync(key, HttpMethod.Post, "/api/v1/webhooks", new { url, eventTypes = types, description = "回访提醒" }), HttpStatusCode.Created);

    private async Task ActAsync(Guid village, Guid ticket, string action, object? body = null)
    {
        using var response = await organisations.SendAsAsync(village, ["staff"], HttpMethod.Post, $"/api/v1/tickets/{ticket}/{action}", body ?? new { });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<long> SubscriptionCountAsync(Guid id)
    {
        await using var connection = new Npgsql.NpgsqlConnection(await app.ConnectionStringAsync("notifications"));
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM subscriptions WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_tickets_life_arrives_signed_in_order_once_in_effect_after_failures_and_verifies_with_either_secret_during_a_rotation()
    {
        await using var receiver = new WebhookReceiver();
        var (village, key, _) = await PartnerAsync("回访");
        var subscription = await SubscribeAsync(key, receiver.Url("hotline"), "ticket.accepted", "ticket.resolved", "ticket.closed");
        var secret = subscription.Text("secret");
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        receiver.Answer("hotline", 500, 503, 500);

        // Another key sees nothing of it; staff cannot subscribe.
        var (_, otherKey, _) = await PartnerAsync("旁观");
        using (var hidden = await keys.SendAsync(otherKey, HttpMethod.Get, $"/api/v1/webhooks/{subscription.Id()}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        using (var staff = await organisations.SendAsAsync(village, ["staff"], HttpMethod.Post, "/api/v1/webhooks", new { url = receiver.Url("x"), eventTypes = new[] { "ticket.resolved" } }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, staff.StatusCode);
        }

        var ticket = (await Json.ReadAsync(await keys.SendAsync(key, HttpMethod.Post, "/api/v1/tickets", PartnerKeyTests.Ticket(village)), HttpStatusCode.Created)).Id();
        await ActAsync(village, ticket, "accept");

        // Resolved while the receiver still refuses "accepted": it must wait its turn.
        await receiver.UntilAsync("hotline", r => r.Count >= 1, "the first attempt");
        await ActAsync(village, ticket, "resolve", new { resolution = "已电话答复医保缴费标准" });

        var received = await receiver.UntilAsync("hotline", r => r.Count(d => d.AnsweredWith == 200) >= 2, "accepted and resolved acknowledged");
        var accepted = received.Where(d => d.Type == "ticket.accepted").ToList();
        Assert.Equal([500, 503, 500, 200], accepted.Select(d => d.AnsweredWith));
        Assert.Single(accepted.Select(d => d.Id).Distinct());

        // In order: resolved only after accepted was acknowledged, and once.
        var resolved = Assert.Single(received, d => d.Type == "ticket.resolved");
        Assert.True(resolved.At >= accepted[^1].At);
        var data = resolved.Json.GetProperty("data");
        Assert.Equal((ticket, "resolved", "已电话答复医保缴费标准"), (data.GetProperty("id").GetGuid(), data.Text("status"), data.Text("resolution")));
        Assert.DoesNotContain("罗永芬", resolved.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("13985212345", resolved.Body, StringComparison.Ordinal);
        Assert.All(await WebhookReceiver.VerifyAsync(secret, received), r => Assert.Equal(JsonValueKind.True, r.ValueKind));

        // The delivery log shows each attempt.
        var log = await Json.ReadAsync(await keys.SendAsync(key, HttpMethod.Get, $"/api/v1/webhooks/{subscription.Id()}/deliveries"), HttpStatusCode.OK);
        var first = log.EnumerateArray().Single(d => d.Text("type") == "ticket.accepted");
        Assert.Equal(("delivered", 4), (first.Text("status"), first.GetProperty("attempts").GetInt32()));
        Assert.Equal([500, 503, 500, 200], first.GetProperty("attemptLog").EnumerateArray().Select(a => a.GetProperty("statusCode").GetInt32()));

        // Rotated: the next delivery verifies with the new secret and with the old one.
        var rotated = await Json.ReadAsync(await keys.SendAsync(key, HttpMethod.Post, $"/api/v1/webhooks/{subscription.Id()}/rotate-secret"), HttpStatusCode.OK);
        var newSecret = rotated.Text("secret");
        Assert.NotEqual(secret, newSecret);
        await ActAsync(village, ticket, "close");
        var closed = (await receiver.UntilAsync("hotline", r => r.Any(d => d.Type == "ticket.closed"), "closed delivered")).Single(d => d.Type == "ticket.closed");
        Assert.Equal(2, closed.Signature.Split(' ').Length);
        Assert.Equal(JsonValueKind.True, (await WebhookReceiver.VerifyAsync(newSecret, [closed]))[0].ValueKind);
        Assert.Equal(JsonValueKind.True, (await WebhookReceiver.VerifyAsync(secret, [closed]))[0].ValueKind);
        Assert.Equal(JsonValueKind.String, (await WebhookReceiver.VerifyAsync("whsec_" + Convert.ToBase64String(new byte[32]), [closed]))[0].ValueKind);
    }

    [Fact]
    public async Task A_receiver_answering_410_disables_its_subscription_and_its_event_is_listed_failed()
    {
        await using var receiver = new WebhookReceiver();
        var (village, key, township) = await PartnerAsync("停用");
        var subscription = await SubscribeAsync(key, receiver.Url("gone"), "ticket.accepted", "ticket.resolved");
        receiver.Answer("gone", 410);

        var ticket = (await Json.ReadAsync(await keys.SendAsync(key, HttpMethod.Post, "/api/v1/tickets", PartnerKeyTests.Ticket(village)), HttpStatusCode.Created)).Id();
        await ActAsync(village, ticket, "accept");
        var state = await Eventually.Until(
            async () => await Json.ReadAsync(await keys.SendAsync(key, HttpMethod.Get, $"/api/v1/webhooks/{subscription.Id()}"), HttpStatusCode.OK),
            s => s.Text("status") == "disabled", what: "the subscription disabled");
        Assert.Contains("410", state.Text("statusReason"), StringComparison.Ordinal);

        await ActAsync(village, ticket, "resolve", new { resolution = "已办结" });
        var failed = await Json.ReadAsync(await keys.SendAsync(key, HttpMethod.Get, $"/api/v1/webhooks/{subscription.Id()}/deliveries?status=failed"), HttpStatusCode.OK);
        Assert.Equal("ticket.accepted", Assert.Single(failed.EnumerateArray()).Text("type"));
        Assert.Single(receiver.At("gone"));

        // Resumed, the waiting delivery goes out; redelivered by hand, the failed one too.
        await Json.ReadAsync(await keys.SendAsync(key, HttpMethod.Post, $"/api/v1/webhooks/{subscription.Id()}/resume"), HttpStatusCode.OK);
        await receiver.UntilAsync("gone", r => r.Any(d => d.Type == "ticket.resolved" && d.AnsweredWith == 200), "resolved after resuming");
        var failedId = failed[0].Id();
        await Json.ReadAsync(await keys.SendAsync(key, HttpMethod.Post, $"/api/v1/webhooks/{subscription.Id()}/deliveries/{failedId}/redeliver"), HttpStatusCode.Accepted);
        var again = await receiver.UntilAsync("gone", r => r.Count(d => d.Type == "ticket.accepted") == 2, "accepted redelivered");
        Assert.Single(again.Where(d => d.Type == "ticket.accepted").Select(d => d.Id).Distinct());

        // A key that may not read tickets may not hear of them either.
        var (_, writeOnly) = await keys.CreateAsync(township, ["tickets:write"]);
        using (var refused = await keys.SendAsync(writeOnly, HttpMethod.Post, "/api/v1/webhooks", new { url = receiver.Url("w"), eventTypes = new[] { "ticket.resolved" } }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        // A revoked key's subscriptions end with it.
        var (revokedId, revoked) = await keys.CreateAsync(township, ["tickets:write", "tickets:read"]);
        var doomed = (await SubscribeAsync(revoked, receiver.Url("revoked"), "ticket.resolved")).Id();
        Assert.Equal(1, await SubscriptionCountAsync(doomed));
        using (var revoke = await organisations.SendAsync(HttpMethod.Delete, $"/api/v1/api-keys/{revokedId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }

        await Eventually.Until(() => SubscriptionCountAsync(doomed), n => n == 0, what: "the revoked key's subscription removed");

        using var invalid = await keys.SendAsync(key, HttpMethod.Post, "/api/v1/webhooks", new { url = "ftp://example.com", eventTypes = new[] { "ticket.eaten" } });
        var problem = await Json.ReadAsync(invalid, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("eventTypes", out _));
    }
}
