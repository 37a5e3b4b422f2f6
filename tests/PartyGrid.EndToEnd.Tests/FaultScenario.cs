using System.Net;
using Npgsql;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.EndToEnd.Tests;

/// <summary>
/// What the fault suites share, whatever broke while the tickets flowed: a county with two villages
/// that tickets and assessment know of, staff taking matters in at both, and afterwards the check that
/// every answered request is in the database exactly once, every event of those tickets reached
/// assessment, and assessment's counts equal the tickets' own.
/// </summary>
public sealed class FaultScenario(PartyGridApp app, Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan Recovery = ResourceControl.Recovery;

    private readonly Organisations organisations = new(app);
    private readonly ServiceDatabases databases = new(app);

    public sealed record Intake(Guid County, Guid Township, Guid[] Villages, IReadOnlyList<(Guid Village, string Token)> Staff);

    public async Task<Intake> PrepareAsync(string county, string township, params string[] villageNames)
    {
        var countyId = (await organisations.RegisterAsync(county, "county", "committee", null)).Id();
        var townshipId = (await organisations.RegisterAsync(township, "township", "committee", countyId)).Id();
        var villages = new List<Guid>();
        foreach (var village in villageNames)
        {
            villages.Add((await organisations.RegisterAsync(village, "village", "branch", townshipId)).Id());
        }

        foreach (var service in new[] { "tickets", "assessment" })
        {
            foreach (var village in villages)
            {
                await Eventually.Until(() => databases.ProjectedOrganisationAsync(service, village), r => r is not null, what: $"{service} projection");
            }
        }

        var staff = new List<(Guid, string)>();
        foreach (var village in villages)
        {
            staff.Add((village, await app.TokenAsync(village, "staff")));
        }

        return new Intake(countyId, townshipId, [.. villages], staff);
    }

    /// <summary>
    /// After the flow stopped: nothing answered lost or doubled, every event consumed once, the counts
    /// right; where the faults must have failed requests (a whole service or server away), that they did.
    /// </summary>
    public async Task VerifyAsync(TicketFlow flow, Intake intake, bool requestsFailed = true)
    {
        var villages = intake.Villages;
        var answered = flow.SubmittedIds.Order().ToList();
        var failed = flow.Failures;
        Assert.True(failed > 0 || !requestsFailed, "the faults never touched a request");

        // Every 2xx is in the database, and retried keys made no second ticket.
        var stored = await TicketsAsync(villages);
        Assert.Equal(answered, stored.Keys.Order().ToList());
        Assert.All(flow.AcceptedIds, id => Assert.Equal("accepted", stored[id].Status));

        // Every event of these tickets left the outbox and was handled by assessment's consumer.
        var eventIds = await EventsConsumedAsync(intake, answered.Count);

        output.WriteLine($"{answered.Count} tickets answered 2xx ({flow.AcceptedIds.Count} accepted), {failed} failed attempts retried, {eventIds.Length} events consumed");

        // Assessment's view of each ticket is its latest version, and its counts are the tickets' own.
        var assessed = await AssessedVersionsAsync(villages);
        Assert.Equal(stored.ToDictionary(t => t.Key, t => t.Value.Version), assessed);
        var acceptedCount = stored.Values.Count(t => t.Status == "accepted");
        var stats = await Json.ReadAsync(
            await organisations.SendAsAsync(intake.County, ["viewer"], HttpMethod.Get, $"/api/v1/tickets/stats?orgId={intake.Township}"), HttpStatusCode.OK);
        Assert.Equal(answered.Count, stats.GetProperty("total").GetInt32());
        var card = await Json.ReadAsync(
            await organisations.SendAsAsync(intake.County, ["viewer"], HttpMethod.Get, $"/api/v1/assessments/{intake.Township}?scope=subtree"), HttpStatusCode.OK);
        var counts = card.GetProperty("counts");
        Assert.Equal(
            (answered.Count, acceptedCount),
            (counts.GetProperty("submitted").GetInt32(), counts.GetProperty("respondedOnTime").GetInt32()));
    }

    /// <summary>
    /// PostgreSQL stopped under the flow until requests fail (clients retry their keys, consumers hold
    /// their messages), started again, and tickets taken in once more.
    /// </summary>
    public async Task RestartPostgresAsync(TicketFlow flow, ResourceControl resources)
    {
        await resources.StopServerAsync("postgres");
        var failures = flow.Failures;
        await Eventually.Until(
            () =>
            {
                flow.ThrowIfBroken();
                return Task.FromResult(flow.Failures);
            },
            f => f >= failures + 5, Recovery, "requests failing while PostgreSQL is stopped");
        await resources.StartAsync("postgres");

        // This test process's own pooled connections died with the server; do not hand them out again.
        NpgsqlConnection.ClearAllPools();
        await flow.MoreSubmittedAsync(20, "tickets taken in after PostgreSQL is back");
    }

    /// <summary>
    /// Waits until at least <paramref name="answered"/> tickets' events have left tickets' outbox and every
    /// one of them is in assessment's inbox: events flow end to end now, whatever is still broken.
    /// </summary>
    public async Task<Guid[]> EventsConsumedAsync(Intake intake, int answered)
    {
        var events = await Eventually.Until(
            () => TicketEventsAsync(intake.Villages), e => e.Count >= answered && e.All(m => m.Sent), Recovery, "tickets' outbox drained",
            () => $"answered {answered}");
        var eventIds = events.Select(e => e.Id).ToArray();
        await Eventually.Until(
            () => HandledByAssessmentAsync(eventIds), handled => handled == eventIds.Length, Recovery,
            $"all {eventIds.Length} ticket events in assessment's inbox");
        return eventIds;
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
