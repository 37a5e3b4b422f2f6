using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using PartyGrid.Contracts;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.Messaging.Tests;

/// <summary>A message that meets a database outage is held and applied once the database answers, never faulted to _error.</summary>
public sealed class OutageRetryTests : IAsyncLifetime
{
    private readonly string serviceName = $"outage-{Guid.NewGuid():N}";
    private ProbeService service = null!;

    public async Task InitializeAsync() =>
        service = await ProbeService.StartAsync(
            serviceName, await TestServers.RabbitMqAsync(), c => c.Consume<OrganisationChanged, OutageConsumer>());

    public async Task DisposeAsync() => await service.DisposeAsync();

    [Fact]
    public async Task A_consumer_that_cannot_reach_its_database_retries_past_the_error_limit_and_applies_the_message_once()
    {
        var organisation = Guid.NewGuid();
        var messageId = NewId.NextGuid();
        await service.Host.Services.GetRequiredService<IBus>()
            .Publish(ProbeService.Organisation(organisation), c => c.MessageId = messageId);

        await Eventually.Until(() => service.TallyAsync(organisation), n => n == 1, TimeSpan.FromSeconds(90), "the message applied after the outage");
        Assert.Equal(OutageConsumer.Outages + 1, OutageConsumer.Attempts[organisation]);
        Assert.Equal(1, await service.InboxRowsAsync(messageId));
        // The consumer's queue is there under the name the error queue is derived from; MassTransit
        // declares the error queue only when it first moves a fault, so none or an empty one is right.
        Assert.Equal(0u, await BrokerQueues.CountAsync(ErrorQueueTests.QueueOf(serviceName)));
        Assert.True(await BrokerQueues.CountAsync(ErrorQueueTests.ErrorQueueOf(serviceName)) is null or 0u, "nothing faulted");
    }

    [Fact]
    public void Only_an_unavailable_database_counts_as_an_outage()
    {
        Assert.True(TransientFailures.Is(new InvalidOperationException("wrapped", new Npgsql.NpgsqlException("connect failed", new System.Net.Sockets.SocketException(111)))));
        Assert.True(TransientFailures.Is(new TimeoutException()));
        Assert.False(TransientFailures.Is(new InvalidOperationException("Refusing organisation.")));
        Assert.False(TransientFailures.Is(new Microsoft.EntityFrameworkCore.DbUpdateException("duplicate", new Npgsql.NpgsqlException("no transport problem"))));
    }
}
