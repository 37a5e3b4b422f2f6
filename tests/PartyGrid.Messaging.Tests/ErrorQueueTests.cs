using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using PartyGrid.Contracts;
using PartyGrid.Testing;
using RabbitMQ.Client;
using Xunit;

namespace PartyGrid.Messaging.Tests;

public sealed class ErrorQueueTests : IAsyncLifetime
{
    private readonly string serviceName = $"errors-{Guid.NewGuid():N}";
    private ProbeService service = null!;

    public async Task InitializeAsync() =>
        service = await ProbeService.StartAsync(
            serviceName, await TestServers.RabbitMqAsync(), c => c.Consume<OrganisationChanged, ExplodingConsumer>());

    public async Task DisposeAsync() => await service.DisposeAsync();

    [Fact]
    public async Task A_consumer_that_throws_ends_in_the_error_queue_after_its_retries_with_nothing_applied()
    {
        var organisation = Guid.NewGuid();
        var messageId = NewId.NextGuid();
        await service.Host.Services.GetRequiredService<IBus>()
            .Publish(ProbeService.Organisation(organisation), c => c.MessageId = messageId);

        var errorQueue = ErrorQueueOf(serviceName);
        var faulted = await Eventually.Until(
            () => FindInQueueAsync(errorQueue, messageId),
            found => found is not null,
            TimeSpan.FromSeconds(60),
            $"message {messageId} in {errorQueue}");

        Assert.Contains("Refusing organisation", faulted);
        Assert.Equal(1 + 3, ExplodingConsumer.Attempts[organisation]);
        Assert.Equal(0, await service.TallyAsync(organisation));
        Assert.Equal(0, await service.InboxRowsAsync(messageId));
    }

    /// <summary>The fault reason MassTransit recorded on the message, if it is in the queue.</summary>
    private static async Task<string?> FindInQueueAsync(string queue, Guid messageId)
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

    /// <summary>
    /// Where a service's faulted <see cref="OrganisationChanged"/> messages go: one name for the test
    /// that proves a fault lands there and for the tests that prove nothing did.
    /// </summary>
    public static string ErrorQueueOf(string serviceName) => $"{QueueOf(serviceName)}_error";

    public static string QueueOf(string serviceName) => $"{serviceName}.{OrganisationChanged.EventName}";

    /// <summary>Messages waiting in a queue, or null when the broker has no such queue.</summary>
    public static async Task<uint?> CountInQueueAsync(string queue)
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
}
