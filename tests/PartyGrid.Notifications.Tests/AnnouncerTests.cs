using System.Net;
using System.Net.Http.Json;
using Npgsql;
using PartyGrid.Contracts;
using PartyGrid.Testing;
using static PartyGrid.Testing.TicketSnapshots;

namespace PartyGrid.Notifications.Tests;

/// <summary>
/// Ticket snapshots are announced in batches: however the broker orders and repeats a ticket's
/// snapshots, each event is staged once per subscription, in the order of the ticket's versions.
/// </summary>
public sealed class AnnouncerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset March = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private ServiceHost<Program> host = null!;
    private EventBus bus = null!;

    public async Task InitializeAsync()
    {
        var rabbit = await TestServers.RabbitMqAsync();
        host = await ServiceHost<Program>.StartAsync(NotificationsServiceExtensions.ServiceName, new Dictionary<string, string>
        {
            ["Webhooks:AllowPrivateTargets"] = "true",
            ["Webhooks:PublicUrl"] = "http://partygrid.test",
        }, rabbit);
        bus = await EventBus.StartAsync(rabbit);
    }

    public async Task DisposeAsync()
    {
        await bus.DisposeAsync();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task Snapshots_in_any_order_and_repeated_stage_each_event_once_in_version_order()
    {
        var county = new TestCounty();
        var tree = county.Changes().Select(c => (Message: (object)c, Id: Guid.NewGuid())).ToList();
        await Task.WhenAll(tree.Select(t => bus.PublishAsync(t.Message, t.Id)));
        await EventBus.ConsumedAsync(host.ConnectionString, [.. tree.Select(t => t.Id)]);

        using var partner = host.ClientForPartner(county.T1, "tickets:read", "tickets:write");
        using var created = await partner.PostAsJsonAsync("/api/v1/webhooks", new { url = "http://127.0.0.1:9/hook", eventTypes = new[] { "ticket.accepted", "ticket.resolved", "ticket.closed" } });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var subscription = (await created.Content.ReadFromJsonAsync<Created>())!.Id;

        // 40 tickets of village A, each accepted (v2), resolved (v3) and closed (v4); half arrive newest
        // first, and every fifth ticket's v3 comes twice under the same message id.
        var snapshots = new List<(TicketChanged Message, Guid MessageId)>();
        for (var i = 0; i < 40; i++)
        {
            var id = Guid.NewGuid();
            var due = March.AddDays(10);
            var versions = new[]
            {
                Ticket(county.A, OrganisationTier.Village, March, due, id: id, status: TicketStatus.Accepted, respondedOnTime: true, version: 2),
                Ticket(county.A, OrganisationTier.Village, March, due, id: id, status: TicketStatus.Resolved, respondedOnTime: true, resolvedAt: March.AddDays(1), version: 3),
                Ticket(county.A, OrganisationTier.Village, March, due, id: id, status: TicketStatus.Closed, respondedOnTime: true, resolvedAt: March.AddDays(1), version: 4),
            }.Select(m => (m, Guid.NewGuid())).ToList();
            snapshots.AddRange(i % 2 == 0 ? versions : Enumerable.Reverse(versions));
            if (i % 5 == 0)
            {
                snapshots.Add(versions[1]);
            }
        }

        await Task.WhenAll(snapshots.Select(s => bus.PublishAsync(s.Message, s.MessageId)));
        var messages = snapshots.Select(s => s.MessageId).Distinct().ToArray();
        await EventBus.ConsumedAsync(host.ConnectionString, messages);

        var staged = new List<(Guid Ticket, long Version, string Type)>();
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using (var command = new NpgsqlCommand("SELECT ticket_id, ticket_version, type FROM deliveries WHERE subscription_id = @id ORDER BY sequence", connection))
        {
            command.Parameters.AddWithValue("id", subscription);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                staged.Add((reader.GetGuid(0), reader.GetInt64(1), reader.GetString(2)));
            }
        }

        foreach (var ticket in staged.GroupBy(s => s.Ticket))
        {
            var types = ticket.Select(s => s.Type).ToList();
            Assert.Equal(types.Distinct().Count(), types.Count);
            Assert.Equal("ticket.closed", types[^1]);
            var versions = ticket.Select(s => s.Version).ToList();
            Assert.Equal(versions.Order(), versions);
        }

        Assert.Equal(40, staged.Select(s => s.Ticket).Distinct().Count());

        // Taken in far fewer transactions than snapshots: the inbox rows of one batch share its transaction id (xmin).
        await using var batches = new NpgsqlCommand("SELECT count(DISTINCT xmin::text) FROM inbox_messages WHERE message_id = ANY(@ids)", connection);
        batches.Parameters.AddWithValue("ids", messages);
        var transactions = (long)(await batches.ExecuteScalarAsync())!;
        Assert.True(transactions * 2 <= messages.Length, $"{messages.Length} snapshots in {transactions} transactions");
    }

    private sealed record Created(Guid Id);
}
