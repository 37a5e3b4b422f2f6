using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using PartyGrid.Contracts;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.Messaging.Tests;

/// <summary>
/// <c>Messaging:Broker:QuorumReplicas</c> makes a service's queues quorum queues — the one it consumes
/// from and the <c>_error</c> queue its faults go to — and leaves them classic without it. (A single
/// node holds quorum queues of one replica; the cluster run holds them on three.)
/// </summary>
public sealed class QuorumQueueTests
{
    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public async Task A_service_declares_its_queue_and_its_error_queue_as_quorum_queues_when_told_to(int replicas, bool quorum)
    {
        var serviceName = $"quorum-{Guid.NewGuid():N}";
        await using var service = await ProbeService.StartAsync(
            serviceName,
            await TestServers.RabbitMqAsync(),
            c => c.Consume<OrganisationChanged, ExplodingConsumer>(),
            settings: new Dictionary<string, string?> { ["Messaging:Broker:QuorumReplicas"] = $"{replicas}" });

        var messageId = NewId.NextGuid();
        await service.Host.Services.GetRequiredService<IBus>().Publish(ProbeService.Organisation(Guid.NewGuid()), c => c.MessageId = messageId);
        var errorQueue = ErrorQueueTests.ErrorQueueOf(serviceName);
        await Eventually.Until(() => BrokerQueues.FindAsync(errorQueue, messageId), found => found is not null, TimeSpan.FromSeconds(60), $"message {messageId} in {errorQueue}");

        Assert.Equal(quorum, await BrokerQueues.IsQuorumAsync(ErrorQueueTests.QueueOf(serviceName)));
        Assert.Equal(quorum, await BrokerQueues.IsQuorumAsync(errorQueue));
    }
}
