using System.Net;
using System.Net.Http.Headers;
using Npgsql;
using PartyGrid.Contracts;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.EndToEnd.Tests;

/// <summary>
/// Tickets at a village of their own, in a township apart from the fault flow's, whose resolution
/// deadline has passed: the ticket clock must move each to the township exactly once, whichever
/// replica's timer or run-now request finds it and whatever dies meanwhile. A real run cannot wait
/// out a deadline of working days, so the set-up moves the stored deadline into the past.
/// </summary>
public sealed class OverdueTickets(PartyGridApp app, Guid township, IReadOnlyCollection<Guid> ids, string countyAdmin, string countyViewer)
{
    public IReadOnlyCollection<Guid> Ids => ids;

    /// <summary>A township and village under <paramref name="countyId"/> and <paramref name="count"/> tickets taken in there.</summary>
    public static async Task<OverdueTickets> TakeInAsync(PartyGridApp app, Guid countyId, int count)
    {
        var organisations = new Organisations(app);
        var townshipId = (await organisations.RegisterAsync("土溪镇", "township", "committee", countyId)).Id();
        var village = (await organisations.RegisterAsync("白果村", "village", "branch", townshipId)).Id();
        foreach (var service in new[] { "tickets", "assessment" })
        {
            await Eventually.Until(() => new ServiceDatabases(app).ProjectedOrganisationAsync(service, village), r => r is not null, what: $"{service} projection");
        }

        await using var flow = TicketFlow.Start(app.Gateway.BaseAddress!, [(village, await app.TokenAsync(village, "staff"))], workers: 2);
        await flow.MoreSubmittedAsync(count, "tickets to fall overdue");
        await flow.StopAsync();
        // One token per role for the whole run: tokens are rate limited.
        return new OverdueTickets(app, townshipId, flow.SubmittedIds, await app.TokenAsync(countyId, "admin"), await app.TokenAsync(countyId, "viewer"));
    }

    /// <summary>Moves every ticket's resolution deadline into the past: the next clock run escalates them.</summary>
    public async Task FallOverdueAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("UPDATE tickets SET resolution_due_at = now() - interval '1 minute' WHERE id = ANY(@ids)", connection);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        Assert.Equal(ids.Count, await command.ExecuteNonQueryAsync());
    }

    /// <summary>
    /// Asks the clock to run now, <paramref name="runs"/> times at once through the gateway, which spreads
    /// them over the replicas; answers from a replica being killed meanwhile do not matter.
    /// </summary>
    public async Task<HttpStatusCode[]> RunClockAsync(int runs)
    {
        return await Task.WhenAll(Enumerable.Range(0, runs).Select(async _ =>
        {
            using var response = await SendAsync(countyAdmin, HttpMethod.Post, "/api/v1/tickets/jobs/ticket-clock/run");
            return response.StatusCode;
        }));
    }

    /// <summary>Every ticket escalated to the township once: one event each, sent, one timeline entry, and assessment counting them.</summary>
    public async Task VerifyEscalatedOnceAsync()
    {
        var escalations = await Eventually.Until(
            EscalationEventsAsync, e => e.Count == ids.Count && e.Values.All(v => v.Sent), ResourceControl.Recovery, "every overdue ticket's escalation published");
        Assert.All(escalations.Values, e => Assert.Equal(1, e.Count));

        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT t.id, t.current_tier, t.escalation_count,
                   (SELECT count(*) FROM ticket_timeline e WHERE e.ticket_id = t.id AND e.action = 'escalated-automatically')::int
            FROM tickets t WHERE t.id = ANY(@ids)
            """,
            connection);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        await using (var reader = await command.ExecuteReaderAsync())
        {
            var rows = 0;
            while (await reader.ReadAsync())
            {
                rows++;
                Assert.Equal(("township", 1, 1), (reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3)));
            }

            Assert.Equal(ids.Count, rows);
        }

        // Assessment saw each ticket's escalated snapshot: the township's own card counts every one.
        await Eventually.Until(
            async () => (await Json.ReadAsync(
                await SendAsync(countyViewer, HttpMethod.Get, $"/api/v1/assessments/{township}?scope=subtree"), HttpStatusCode.OK))
                .GetProperty("counts").GetProperty("escalated").GetInt32(),
            escalated => escalated == ids.Count, ResourceControl.Recovery, "the township's card counting the escalations");
    }

    private async Task<Dictionary<Guid, (int Count, bool Sent)>> EscalationEventsAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT (payload->>'ticketId')::uuid, count(*)::int, bool_and(sent_at IS NOT NULL) FROM outbox_messages
            WHERE event_name = @name AND (payload->>'ticketId')::uuid = ANY(@ids) GROUP BY 1
            """,
            connection);
        command.Parameters.AddWithValue("name", TicketEscalated.EventName);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        var events = new Dictionary<Guid, (int, bool)>();
        while (await reader.ReadAsync())
        {
            events[reader.GetGuid(0)] = (reader.GetInt32(1), reader.GetBoolean(2));
        }

        return events;
    }

    private async Task<HttpResponseMessage> SendAsync(string token, HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await app.Gateway.SendAsync(request);
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(await app.ConnectionStringAsync("tickets"));
        await connection.OpenAsync();
        return connection;
    }
}
