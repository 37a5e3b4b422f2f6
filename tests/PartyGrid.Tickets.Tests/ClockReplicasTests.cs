using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Npgsql;
using PartyGrid.Contracts;
using PartyGrid.Testing;

namespace PartyGrid.Tickets.Tests;

/// <summary>Two replicas of tickets on one database, as a deployment runs them: the ticket clock acts once on each deadline.</summary>
public sealed class ClockReplicasTests
{
    private const int Tickets = 200;

    [Fact]
    public async Task Two_replicas_running_the_clock_at_once_escalate_each_overdue_ticket_once()
    {
        // The replicas share the database and the personal-data keys, as replicas of one deployment do.
        var keys = new Dictionary<string, string>
        {
            ["PersonalData:EncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["PersonalData:LookupKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
        // They start together on an empty database, as a deployment's first rollout does: one migrates it,
        // the other waits for that and finds nothing left to do.
        var database = await TestServers.CreateDatabaseAsync("tickets");
        var started = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => ServiceHost<Program>.StartOnAsync(TicketsServiceExtensions.ServiceName, database, keys)));
        await using var first = started[0];
        await using var second = started[1];
        var county = new TestCounty();
        await county.ProjectInto(database);

        var ids = new List<Guid>();
        for (var i = 0; i < Tickets; i++)
        {
            // Half taken in through each replica.
            using var response = await (i % 2 == 0 ? first : second).ClientAs(county.B, "staff").PostAsJsonAsync("/api/v1/tickets", TicketsService.NewTicket(county.B));
            ids.Add((await Json.ReadAsync(response, HttpStatusCode.Created)).Id());
        }

        // Past the village's resolution deadline on both replicas' clocks (their own timers wake as well),
        // then the clock run at once, three times on each replica.
        first.Time.Advance(TimeSpan.FromDays(8));
        second.Time.Advance(TimeSpan.FromDays(8));
        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            using var response = await (i % 2 == 0 ? first : second).ClientAs(county.C, "admin").PostAsync("/api/v1/tickets/jobs/ticket-clock/run", null);
            return (await Json.ReadAsync(response, HttpStatusCode.OK)).GetProperty("handled").GetInt32();
        }));
        Assert.True(runs.Sum() <= Tickets * 2, $"runs handled {string.Join(", ", runs)}: no ticket is handled for the same deadline twice (once warned, once escalated)");

        // The timers may still be running: wait until every ticket is at the township, then look at what was staged.
        await Eventually.Until(EscalatedAsync, escalated => escalated.Count == Tickets, what: "every ticket escalated");
        var escalations = await EscalatedAsync();
        Assert.Equal(ids.Order(), escalations.Keys.Order());
        Assert.All(escalations, e => Assert.Equal(1, e.Value));

        foreach (var id in ids)
        {
            using var response = await first.ClientAs(county.C, "admin").GetAsync($"/api/v1/tickets/{id}");
            var ticket = await Json.ReadAsync(response, HttpStatusCode.OK);
            Assert.Equal(("township", 1), (ticket.Text("tier"), ticket.GetProperty("escalationCount").GetInt32()));
            Assert.Single(ticket.GetProperty("timeline").EnumerateArray(), e => e.Text("action") == "escalated-automatically");
        }

        async Task<Dictionary<Guid, int>> EscalatedAsync()
        {
            await using var connection = new NpgsqlConnection(first.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT (payload->>'ticketId')::uuid, count(*)::int FROM outbox_messages WHERE event_name = @name GROUP BY 1", connection);
            command.Parameters.AddWithValue("name", TicketEscalated.EventName);
            var counts = new Dictionary<Guid, int>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                counts[reader.GetGuid(0)] = reader.GetInt32(1);
            }

            return counts;
        }
    }
}
