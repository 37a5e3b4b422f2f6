using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.Messaging.Tests;

public sealed class InboxTests : IAsyncLifetime
{
    private ProbeService service = null!;

    public async Task InitializeAsync() =>
        service = await ProbeService.StartAsync(
            $"inbox-{Guid.NewGuid():N}", await TestServers.RabbitMqAsync(), c => c.Consume<Contracts.OrganisationChanged, TallyConsumer>());

    public async Task DisposeAsync() => await service.DisposeAsync();

    [Fact]
    public async Task The_same_message_delivered_twice_has_one_effect()
    {
        var bus = service.Host.Services.GetRequiredService<IBus>();
        var organisation = Guid.NewGuid();
        var messageId = NewId.NextGuid();

        await bus.Publish(ProbeService.Organisation(organisation), c => c.MessageId = messageId);
        await bus.Publish(ProbeService.Organisation(organisation), c => c.MessageId = messageId);

        await Eventually.Until(() => Task.FromResult(service.Deliveries.Completed(messageId)), n => n == 2, what: "both deliveries consumed");
        Assert.Equal(1, await service.TallyAsync(organisation));
        Assert.Equal(1, await service.InboxRowsAsync(messageId));
    }

    [Fact]
    public async Task Different_messages_each_have_their_effect()
    {
        var bus = service.Host.Services.GetRequiredService<IBus>();
        var organisation = Guid.NewGuid();

        await bus.Publish(ProbeService.Organisation(organisation, version: 1));
        await bus.Publish(ProbeService.Organisation(organisation, version: 2));

        Assert.Equal(2, await Eventually.Until(() => service.TallyAsync(organisation), n => n == 2, what: "two effects"));
    }
}
