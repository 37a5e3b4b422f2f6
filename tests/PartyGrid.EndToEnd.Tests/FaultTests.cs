using System.Net;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Npgsql;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.EndToEnd.Tests;

/// <summary>
/// The fault suite: while tickets flow in through the gateway, RabbitMQ is stopped and started,
/// PostgreSQL is stopped and started, and the consuming service is killed outright and started again.
/// Afterwards every answered request is in the database exactly once, every event of those tickets
/// reached its consumer, and assessment's counts equal the tickets' own.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class FaultTests(PartyGridApp app, Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan Recovery = ResourceControl.Recovery;

    private readonly Organisations organisations = new(app);
    private readonly ServiceDatabases databases = new(app);
    private readonly ResourceControl resources = new(app);

    [Fact]
    public async Task Tickets_flowing_through_broker_and_database_restarts_and_a_killed_consumer_are_all_kept_and_counted_once()
    {
        var county = (await organisations.RegisterAsync("湄潭县", "county", "committee", null)).Id();
        var township = (await organisations.RegisterAsync("永兴镇", "township", "committee", county)).Id();
        Guid[] villages =
        [
            (await organisations.RegisterAsync("石板村", "village", "branch", township)).Id(),
            (await organisations.RegisterAsync("茅坝村", "village", "branch", township)).Id(),
        ];
        foreach (var service in new[] { "tickets", "assessment" })
        {
            foreach (var village in villages)
            {
                await Eventually.Until(() => databases.ProjectedOrganisationAsync(service, village), r => r is not null, what: $"{service} projection");
            }
        }

        var intake = new List<(Guid, string)>();
        foreach (var village in villages)
        {
            intake.Add((village, await app.TokenAsync(village, "staff")));
        }

        await using var flow = TicketFlow.Start(app.Gateway.BaseAddress!, intake, workers: 3);
        await flow.MoreSubmittedAsync(20, "the flow running");

        // The broker away: tickets are still taken in; their events wait in the outbox.
        await resources.StopServerAsync("rabbitmq-server");
        await flow.MoreSubmittedAsync(20, "tickets taken in while RabbitMQ is stopped");
        await resources.CommandAsync("rabbitmq-server", KnownResourceCommands.StartCommand);
        await flow.MoreSubmittedAsync(20, "tickets taken in after RabbitMQ is back");

        // The database away: requests fail, clients retry their keys, consumers hold their messages.
        await resources.StopServerAsync("postgres");
        var failures = flow.Failures;
        await Eventually.Until(
            () =>
            {
                flow.ThrowIfBroken();
                return Task.FromResult(flow.Failures);
            },
            f => f >= failures + 5, Recovery, "requests failing while PostgreSQL is stopped");
        await resources.CommandAsync("postgres", KnownResourceCommands.StartCommand);
        // This test process's own pooled connections died with the server; do not hand them out again.
        NpgsqlConnection.ClearAllPools();
        await flow.MoreSubmittedAsync(20, "tickets taken in after PostgreSQL is back");

        // The consumer killed mid-stream (no shutdown): what it held unacknowledged is delivered again.
        await resources.KillServiceAsync("assessment");
        await flow.MoreSubmittedAsync(20, "tickets taken in while assessment is down");

        // The gateway's health is every service's readiness: one service away makes it unhealthy.
        using (var unhealthy = await app.Gateway.GetAsync("/health"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
        }

        await resources.CommandAsync("assessment", KnownResourceCommands.StartCommand);
        await flow.MoreSubmittedAsync(20, "tickets taken in after assessment is back");
        await flow.StopAsync();
        using (var healthy = await Eventually.Until(() => app.Gateway.GetAsync("/health"), r => r.StatusCode == HttpStatusCode.OK, Recovery, "the gateway healthy again"))
        {
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        }

        var answered = flow.SubmittedIds.Order().ToList();
        var failed = flow.Failures;
        Assert.True(failed > 0, "the faults never touched a request");

        // Every 2xx is in the database, and retried keys made no second ticket.
        var stored = await TicketsAsync(villages);
        Assert.Equal(answered, stored.Keys.Order().ToList());
        Assert.All(flow.AcceptedIds, id => Assert.Equal("accepted", stored[id].Status));

        // Every event of these tickets left the outbox and was handled by assessment's consumer.
        var events = await Eventually.Until(
            () => TicketEventsAsync(villages), e => e.Count >= answered.Count && e.All(m => m.Sent), Recovery, "tickets' outbox drained",
            () => $"answered {answered.Count}");
        var eventIds = events.Select(e => e.Id).ToArray();
        await Eventually.Until(
            () => HandledByAssessmentAsync(eventIds), handled => handled == eventIds.Length, Recovery,
            $"all {eventIds.Length} ticket events in assessment's inbox");

        output.WriteLine($"{answered.Count} tickets answered 2xx ({flow.AcceptedIds.Count} accepted), {failed} failed attempts retried, {eventIds.Length} events consumed");

        // Assessment's view of each ticket is its latest version, and its counts are the tickets' own.
        var assessed = await AssessedVersionsAsync(villages);
        Assert.Equal(stored.ToDictionary(t => t.Key, t => t.Value.Version), assessed);
        var acceptedCount = stored.Values.Count(t => t.Status == "accepted");
        var stats = await Json.ReadAsync(
            await organisations.SendAsAsync(county, ["viewer"], HttpMethod.Get, $"/api/v1/tickets/stats?orgId={township}"), HttpStatusCode.OK);
        Assert.Equal(answered.Count, stats.GetProperty("total").GetInt32());
        var card = await Json.ReadAsync(
            await organisations.SendAsAsync(county, ["viewer"], HttpMethod.Get, $"/api/v1/assessments/{township}?scope=subtree"), HttpStatusCode.OK);
        var counts = card.GetProperty("counts");
        Assert.Equal(
            (answered.Count, acceptedCount),
            (counts.GetProperty("submitted").GetInt32(), counts.GetProperty("respondedOnTime").GetInt32()));
    }

    private async Task<NpgsqlConnection> OpenAsync(string service)
    {
        var connection = new NpgsqlConnection(await app.ConnectionStringAsync(service));
        await connection.OpenAsync();
        return connection;
    }

    private async Task<Dictionary<Guid, (string Status, long Version)>> TicketsAsync(Guid[] villages)
    {
        await using var connection = await OpenAsync("tickets");
        await using var command = new NpgsqlCommand("SELECT id, status, version FROM tickets WHERE intake_organisation_id = ANY(@villages)", connection);
        command.Parameters.AddWithValue("villages", villages);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<Guid, (string, long)>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetGuid(0), (reader.GetString(1), reader.GetInt64(2)));
        }

        return rows;
    }

    private async Task<List<(Guid Id, bool Sent)>> TicketEventsAsync(Guid[] villages)
    {
        await using var connection = await OpenAsync("tickets");
        await using var command = new NpgsqlCommand(
            """
            SELECT o.id, o.sent_at IS NOT NULL FROM outbox_messages o
            WHERE o.event_name = @event
              AND (o.payload ->> 'intakeOrganisationId')::uuid = ANY(@villages)
            """,
            connection);
        command.Parameters.AddWithValue("villages", villages);
        command.Parameters.AddWithValue("event", PartyGrid.Contracts.TicketChanged.EventName);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(Guid, bool)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetGuid(0), reader.GetBoolean(1)));
        }

        return rows;
    }

    private async Task<long> HandledByAssessmentAsync(Guid[] messageIds)
    {
        await using var connection = await OpenAsync("assessment");
        await using var command = new NpgsqlCommand("SELECT count(DISTINCT message_id) FROM inbox_messages WHERE message_id = ANY(@ids)", connection);
        command.Parameters.AddWithValue("ids", messageIds);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<Dictionary<Guid, long>> AssessedVersionsAsync(Guid[] villages)
    {
        await using var connection = await OpenAsync("assessment");
        await using var command = new NpgsqlCommand("SELECT id, version FROM assessed_tickets WHERE intake_organisation_id = ANY(@villages)", connection);
        command.Parameters.AddWithValue("villages", villages);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<Guid, long>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetGuid(0), reader.GetInt64(1));
        }

        return rows;
    }
}
