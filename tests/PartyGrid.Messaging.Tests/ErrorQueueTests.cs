using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using PartyGrid.Contracts;
using PartyGrid.Testing;
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
            () => BrokerQueues.FindAsync(errorQueue, messageId),
            found => found is not null,
            TimeSpan.FromSeconds(60),
            $"message {messageId} in {errorQueue}");

        Assert.Contains("Refusing organisation", faulted);
        Assert.Equal(1 + 3, ExplodingConsumer.Attempts[organisation]);
        Assert.Equal(0, await service.TallyAsync(organisation));
        Assert.Equal(0, await service.InboxRowsAsync(messageId));
    }

    /// <summary>
    /// Where a service's faulted <see cref="OrganisationChanged"/> messages go: one name for the test
    /// that proves a fault lands there and for the tests that prove nothing did.
    /// </summary>
    public static string ErrorQueueOf(string serviceName) => $"{QueueOf(serviceName)}_error";

    public static string QueueOf(string serviceName) => $"{serviceName}.{OrganisationChanged.EventName}";
}
