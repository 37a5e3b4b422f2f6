using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using PartyGrid.Testing;

namespace PartyGrid.Tickets.Tests;

/// <summary>The tickets service in process on real PostgreSQL and RabbitMQ, a fake clock, and the test county projected.</summary>
public sealed class TicketsService : IAsyncLifetime
{
    public TestCounty County { get; } = new();

    public ServiceHost<Program> Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await ServiceHost<Program>.StartAsync(TicketsServiceExtensions.ServiceName);
        await County.ProjectInto(Host.ConnectionString);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public HttpClient As(Guid homeOrg, params string[] roles) => Host.ClientAs(homeOrg, roles);

    public HttpClient Staff(Guid homeOrg) => Host.ClientAs(homeOrg, "staff");

    public static object NewTicket(Guid intakeOrgId, string category = "dispute", string? item = "neighbour-dispute", string? externalRef = null) => new
    {
        intakeOrgId,
        category,
        item,
        title = "邻里排水纠纷",
        description = "两户因排水沟堵塞发生争执，请求调解",
        requester = new { name = "王大妈", phone = "13985123456", address = "石板村三组" },
        channel = "walk-in",
        externalRef,
    };

    public async Task<JsonElement> SubmitAsync(Guid intakeOrgId, object? body = null)
    {
        using var response = await Staff(intakeOrgId).PostAsJsonAsync("/api/v1/tickets", body ?? NewTicket(intakeOrgId));
        return await Json.ReadAsync(response, HttpStatusCode.Created);
    }

    public async Task<JsonElement> ActAsync(Guid homeOrg, Guid ticketId, string action, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Staff(homeOrg).PostAsJsonAsync($"/api/v1/tickets/{ticketId}/{action}", body ?? new { });
        return await Json.ReadAsync(response, expected);
    }

    /// <summary>Runs the ticket clock now, as the operator's dashboard command does; returns how many tickets it handled.</summary>
    public async Task<int> RunClockAsync() =>
        (await Json.ReadAsync(await As(County.C, "admin").PostAsync("/api/v1/tickets/jobs/ticket-clock/run", null), HttpStatusCode.OK)).GetProperty("handled").GetInt32();

    public async Task<JsonElement> GetAsync(Guid ticketId) =>
        await Json.ReadAsync(await As(County.C, "admin").GetAsync($"/api/v1/tickets/{ticketId}"), HttpStatusCode.OK);

    /// <summary>The event bodies the service staged for a ticket, oldest first.</summary>
    public async Task<List<(string Name, JsonElement Body)>> EventsAsync(Guid ticketId)
    {
        await using var connection = new NpgsqlConnection(Host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT event_name, payload::text FROM outbox_messages WHERE payload->>'id' = @id OR payload->>'ticketId' = @id ORDER BY created_at, (payload->>'version')::bigint, event_name DESC", connection);
        command.Parameters.AddWithValue("id", ticketId.ToString());
        var events = new List<(string, JsonElement)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            events.Add((reader.GetString(0), JsonDocument.Parse(reader.GetString(1)).RootElement.Clone()));
        }

        return events;
    }
}

[CollectionDefinition(Name)]
public sealed class TicketsServiceCollection : ICollectionFixture<TicketsService>
{
    public const string Name = "tickets service";
}
