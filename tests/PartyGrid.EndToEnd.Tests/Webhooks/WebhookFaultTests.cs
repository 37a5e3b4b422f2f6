using System.Net;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.EndToEnd.Tests.Webhooks;

/// <summary>
/// Deliveries while tickets flow and the parts under them fail: notifications killed outright while it
/// holds deliveries in flight, RabbitMQ stopped and started. Every accepted ticket still reaches the
/// receiver, each under one <c>webhook-id</c>.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class WebhookFaultTests(PartyGridApp app, Xunit.Abstractions.ITestOutputHelper output)
{
    private readonly Organisations organisations = new(app);
    private readonly ResourceControl resources = new(app);

    [Fact]
    public async Task Notifications_killed_mid_delivery_and_the_broker_restarted_lose_no_event()
    {
        await using var receiver = new WebhookReceiver();
        receiver.Slow("faults", TimeSpan.FromMilliseconds(300));
        var (township, village) = await organisations.TownshipAndVillageAsync("断电县", "断电镇", "断电村", "tickets");
        await Eventually.Until(() => new ServiceDatabases(app).ProjectedOrganisationAsync("notifications", village), r => r is not null, what: "notifications projection");
        var keys = new PartnerKeys(app);
        var (_, key) = await keys.CreateAsync(township, ["tickets:write", "tickets:read"]);
        await Json.ReadAsync(await keys.SendAsync(key, HttpMethod.Post, "/api/v1/webhooks", new { url = receiver.Url("faults"), eventTypes = new[] { "ticket.accepted" } }), HttpStatusCode.Created);

        await using var flow = TicketFlow.Start(app.Gateway.BaseAddress!, [(village, await app.TokenAsync(village, "staff"))], workers: 2);
        await flow.MoreSubmittedAsync(10, "the flow running");
        var steady = await receiver.UntilAsync("faults", r => r.Count >= 5, "deliveries under way", ResourceControl.Recovery);
        var latencies = steady.Select(d => (d.At - d.Json.GetProperty("timestamp").GetDateTimeOffset()).TotalMilliseconds).Order().ToList();
        output.WriteLine($"ticket change to receiver, steady flow: p50 {latencies[latencies.Count / 2]:0} ms, max {latencies[^1]:0} ms over {latencies.Count}");

        await resources.KillServiceAsync("notifications");
        await flow.MoreSubmittedAsync(10, "tickets taken in while notifications is down");
        await resources.StartAsync("notifications");
        await flow.MoreSubmittedAsync(10, "tickets taken in after notifications is back");

        await resources.StopServerAsync("rabbitmq-server");
        await flow.MoreSubmittedAsync(10, "tickets taken in while RabbitMQ is stopped");
        await resources.StartAsync("rabbitmq-server");
        await flow.MoreSubmittedAsync(10, "tickets taken in after RabbitMQ is back");
        await flow.StopAsync();

        var accepted = flow.AcceptedIds.ToHashSet();
        static Guid TicketOf(WebhookReceiver.Received d) => d.Json.GetProperty("data").GetProperty("id").GetGuid();
        var received = await receiver.UntilAsync(
            "faults", r => accepted.IsSubsetOf(r.Where(d => d.AnsweredWith == 200).Select(TicketOf)), "every accepted ticket delivered", ResourceControl.Recovery);

        Assert.All(received.GroupBy(TicketOf), g => Assert.Single(g.Select(d => d.Id).Distinct()));
        var repeats = received.Count - received.Select(d => d.Id).Distinct().Count();
        output.WriteLine($"{accepted.Count} accepted tickets, {received.Count} requests received, {repeats} repeated under the same webhook-id");
    }
}
