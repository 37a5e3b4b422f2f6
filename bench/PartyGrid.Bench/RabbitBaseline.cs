using System.Diagnostics;
using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace PartyGrid.Bench;

/// <summary>
/// The broker's limit for what the messaging block does per event: a raw <c>RabbitMQ.Client</c>
/// publisher with publisher confirms (persistent messages to a durable queue, a window of outstanding
/// confirms) and a consumer acknowledging each message, on the same node.
/// </summary>
public static class RabbitBaseline
{
    private const int ConfirmWindow = 256;

    public static async Task<double> MessagesPerSecondAsync(Uri broker, int messages, int messageBytes)
    {
        var factory = new ConnectionFactory { Uri = broker };
        await using var publishing = await factory.CreateConnectionAsync("bench-publisher");
        await using var consuming = await factory.CreateConnectionAsync("bench-consumer");
        var queue = $"bench.baseline.{Guid.NewGuid():N}";
        await using var publisher = await publishing.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await publisher.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await using var consumer = await consuming.CreateChannelAsync();
        await consumer.BasicQosAsync(0, 32, false);

        var received = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new AsyncEventingBasicConsumer(consumer);
        handler.ReceivedAsync += async (_, delivery) =>
        {
            await consumer.BasicAckAsync(delivery.DeliveryTag, multiple: false);
            if (Interlocked.Increment(ref received) == messages)
            {
                done.TrySetResult();
            }
        };
        await consumer.BasicConsumeAsync(queue, autoAck: false, handler);

        var body = Encoding.UTF8.GetBytes(new string('x', messageBytes));
        var properties = new BasicProperties { Persistent = true, ContentType = "application/json" };
        var started = Stopwatch.GetTimestamp();
        var window = new List<Task>(ConfirmWindow);
        for (var i = 0; i < messages; i++)
        {
            window.Add(publisher.BasicPublishAsync(string.Empty, queue, mandatory: true, properties, body).AsTask());
            if (window.Count == ConfirmWindow)
            {
                await Task.WhenAll(window);
                window.Clear();
            }
        }

        await Task.WhenAll(window);
        await done.Task.WaitAsync(TimeSpan.FromMinutes(5));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await publisher.QueueDeleteAsync(queue);
        return messages / seconds;
    }
}
