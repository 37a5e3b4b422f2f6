using System.Collections.Concurrent;
using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace PartyGrid.EndToEnd.Tests;

/// <summary>
/// Reads the raw bodies of published events off the broker: a private queue bound to the exchanges
/// MassTransit publishes each event type to, so a test sees exactly what every consumer receives.
/// </summary>
public sealed class EventTap : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> bodies = new();
    private IConnection connection = null!;
    private IChannel channel = null!;

    public IReadOnlyCollection<string> Bodies => bodies;

    public static async Task<EventTap> OpenAsync(Uri rabbitMq, params string[] eventTypes)
    {
        var tap = new EventTap();
        tap.connection = await new ConnectionFactory { Uri = rabbitMq }.CreateConnectionAsync();
        tap.channel = await tap.connection.CreateChannelAsync();
        var queue = await tap.channel.QueueDeclareAsync(queue: string.Empty, durable: false, exclusive: true, autoDelete: true);
        foreach (var type in eventTypes)
        {
            // The same declaration MassTransit makes for a message type's exchange.
            var exchange = $"PartyGrid.Contracts:{type}";
            await tap.channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
            await tap.channel.QueueBindAsync(queue.QueueName, exchange, string.Empty);
        }

        var consumer = new AsyncEventingBasicConsumer(tap.channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            tap.bodies.Enqueue(Encoding.UTF8.GetString(delivery.Body.Span));
            return Task.CompletedTask;
        };
        await tap.channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer);
        return tap;
    }

    public async ValueTask DisposeAsync()
    {
        await channel.CloseAsync();
        await connection.CloseAsync();
        channel.Dispose();
        connection.Dispose();
    }
}
