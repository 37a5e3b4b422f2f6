using System.Diagnostics;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace PartyGrid.Bench;

/// <summary>
/// Waits until PartyGrid has nothing left to do: no unsent outbox row in any service and no ready
/// message on any consumer queue, three checks in a row. A run that ended mid-flow (the province import
/// leaves ~200,000 projection messages behind) would otherwise be measured while it catches up.
/// </summary>
public static class Quiet
{
    private static readonly string[] Consumers = ["organisations", "members", "tickets", "pairing", "assessment"];

    private static readonly string[] Events =
    [
        "organisation-changed", "member-changed", "member-flow-changed", "ticket-changed", "ticket-escalated", "pairing-changed",
        "pairing-activity-recorded", "service-site-changed", "snapshots-requested", "term-expiring", "transfer-completed", "assessment-published",
    ];

    public static async Task<TimeSpan> WaitAsync(BenchApp app, TimeSpan within)
    {
        var started = Stopwatch.GetTimestamp();
        var databases = new List<string>();
        foreach (var service in Consumers)
        {
            databases.Add(await app.ConnectionStringAsync(service));
        }

        var factory = new ConnectionFactory { Uri = await app.RabbitMqAsync() };
        await using var connection = await factory.CreateConnectionAsync("bench-quiet");
        var quietChecks = 0;
        while (quietChecks < 3)
        {
            var pending = await UnsentAsync(databases) + await ReadyAsync(connection);
            quietChecks = pending == 0 ? quietChecks + 1 : 0;
            if (Stopwatch.GetElapsedTime(started) > within)
            {
                throw new TimeoutException($"PartyGrid still had {pending:N0} messages to handle after {within}.");
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        return Stopwatch.GetElapsedTime(started);
    }

    private static async Task<long> UnsentAsync(IEnumerable<string> databases)
    {
        long unsent = 0;
        foreach (var database in databases)
        {
            await using var db = new NpgsqlConnection(database);
            await db.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL", db);
            unsent += (long)(await command.ExecuteScalarAsync())!;
        }

        return unsent;
    }

    private static async Task<long> ReadyAsync(IConnection connection)
    {
        long ready = 0;
        foreach (var queue in Consumers.SelectMany(c => Events.Select(e => $"{c}.{e}")))
        {
            // A passive declare of a queue that does not exist closes its channel, so each gets its own.
            await using var channel = await connection.CreateChannelAsync();
            try
            {
                ready += (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
            }
            catch (OperationInterruptedException)
            {
            }
        }

        return ready;
    }
}
