using System.Text.Json;
using System.Text.Json.Serialization;
using MassTransit;
using Npgsql;

namespace PartyGrid.Testing;

/// <summary>
/// The test's own bus on the broker a hosted service listens on: publishes integration events as the
/// other services would (message ids chosen by the test), and waits until the service's inbox holds them.
/// </summary>
public sealed class EventBus(IBusControl bus) : IAsyncDisposable
{
    public static async Task<EventBus> StartAsync(Uri rabbitMq)
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(rabbitMq);
            cfg.ConfigureJsonSerializerOptions(o =>
            {
                o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
                return o;
            });
        });
        await bus.StartAsync();
        return new EventBus(bus);
    }

    /// <summary>Publishes the message as its runtime type, under the id given.</summary>
    public Task PublishAsync(object message, Guid messageId) => bus.Publish(message, c => c.MessageId = messageId);

    /// <summary>Waits until the inbox of the database behind <paramref name="connectionString"/> holds every one of the messages.</summary>
    public static async Task ConsumedAsync(string connectionString, IReadOnlyCollection<Guid> messageIds, Func<string>? context = null) =>
        await Eventually.Until(
            async () =>
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("SELECT count(DISTINCT message_id) FROM inbox_messages WHERE message_id = ANY(@ids)", connection);
                command.Parameters.AddWithValue("ids", messageIds.ToArray());
                return (long)(await command.ExecuteScalarAsync())!;
            },
            n => n == messageIds.Count,
            what: $"{messageIds.Count} messages consumed",
            context: context);

    public ValueTask DisposeAsync() => new(bus.StopAsync());
}
