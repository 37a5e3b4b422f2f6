using RabbitMQ.Client;

namespace PartyGrid.Testing;

/// <summary>What a queue on the shared test broker holds, read with the plain client.</summary>
public static class BrokerQueues
{
    /// <summary>The fault reason MassTransit recorded on the message, if it is in the queue (left there, unacknowledged).</summary>
    public static async Task<string?> FindAsync(string queue, Guid messageId)
    {
        var factory = new ConnectionFactory { Uri = await TestServers.RabbitMqAsync() };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        while (await channel.BasicGetAsync(queue, autoAck: false) is { } delivery)
        {
            if (delivery.BasicProperties.MessageId == messageId.ToString())
            {
                var headers = delivery.BasicProperties.Headers ?? new Dictionary<string, object?>();
                return headers.TryGetValue("MT-Fault-Message", out var reason) && reason is byte[] bytes
                    ? System.Text.Encoding.UTF8.GetString(bytes)
                    : string.Empty;
            }
        }

        return null;
    }

    /// <summary>Messages waiting in a queue, or null when the broker has no such queue.</summary>
    public static async Task<uint?> CountAsync(string queue)
    {
        var factory = new ConnectionFactory { Uri = await TestServers.RabbitMqAsync() };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether the queue is a quorum queue: declaring it as a classic queue is refused only if it is not
    /// one (RabbitMQ refuses a declaration whose queue type differs from the existing queue's).
    /// </summary>
    public static async Task<bool> IsQuorumAsync(string queue, Uri? broker = null)
    {
        var factory = new ConnectionFactory { Uri = broker ?? await TestServers.RabbitMqAsync() };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclarePassiveAsync(queue);
        try
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments: new Dictionary<string, object?> { ["x-queue-type"] = "classic" });
            return false;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException refused)
            when (refused.ShutdownReason is { ReplyCode: 406 } reason && reason.ReplyText.Contains("x-queue-type", StringComparison.Ordinal))
        {
            return true;
        }
    }
}
