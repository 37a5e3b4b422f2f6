using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyGrid.Contracts;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.Messaging.Tests;

public sealed class OutboxTests
{
    [Fact]
    public async Task Events_written_while_the_broker_is_down_are_published_once_it_is_back()
    {
        var (node, rabbitMq, restart) = await TestServers.StartPrivateRabbitMqAsync();
        await using var service = await ProbeService.StartAsync(
            $"outbox-{Guid.NewGuid():N}", rabbitMq, c => c.Consume<OrganisationChanged, TallyConsumer>());
        try
        {
            await node.StopAsync();

            var organisations = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToArray();
            await service.QueryAsync(async db =>
            {
                foreach (var id in organisations)
                {
                    db.Publish(ProbeService.Organisation(id), DateTimeOffset.UtcNow);
                }

                return await db.SaveChangesAsync();
            });

            // The dispatcher keeps trying and says why it could not publish.
            var failing = await Eventually.Until(
                () => service.QueryAsync(db => db.Set<OutboxMessage>().AsNoTracking().ToListAsync()),
                rows => rows.Count == 5 && rows.All(r => r.SentAt is null && r.Attempts >= 1 && r.LastError is not null),
                TimeSpan.FromSeconds(60),
                "failed publish attempts recorded");
            Assert.All(failing, r => Assert.Null(r.SentAt));

            node = await restart();

            foreach (var id in organisations)
            {
                Assert.Equal(1, await Eventually.Until(() => service.TallyAsync(id), n => n >= 1, TimeSpan.FromSeconds(90), $"effect of {id}"));
            }

            var sent = await service.QueryAsync(db => db.Set<OutboxMessage>().AsNoTracking().ToListAsync());
            Assert.All(sent, r => Assert.NotNull(r.SentAt));
            foreach (var row in sent)
            {
                Assert.Equal(1, await service.InboxRowsAsync(row.Id));
            }
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_dispatchers_on_one_outbox_publish_every_row_exactly_once()
    {
        var rabbitMq = await TestServers.RabbitMqAsync();
        await using var consumer = await ProbeService.StartAsync(
            $"replicas-{Guid.NewGuid():N}", rabbitMq, c => c.Consume<OrganisationChanged, TallyConsumer>());

        // A second replica of the same service: same database, its own dispatcher.
        await using var replica = await ProbeService.StartAsync($"replica-{Guid.NewGuid():N}", rabbitMq, null, consumer.ConnectionString);

        var organisations = Enumerable.Range(0, 300).Select(_ => Guid.NewGuid()).ToArray();
        await consumer.QueryAsync(async db =>
        {
            foreach (var id in organisations)
            {
                db.Publish(ProbeService.Organisation(id), DateTimeOffset.UtcNow);
            }

            return await db.SaveChangesAsync();
        });
        var messageIds = await consumer.QueryAsync(db => db.Set<OutboxMessage>().Select(m => m.Id).ToListAsync());

        await Eventually.Until(
            () => Task.FromResult(messageIds.Count(id => consumer.Deliveries.Completed(id) >= 1)),
            n => n == messageIds.Count,
            TimeSpan.FromSeconds(60),
            "every row delivered");

        // Not merely one effect: one delivery. No row was published by both replicas.
        Assert.All(messageIds, id => Assert.Equal(1, consumer.Deliveries.Completed(id)));
        Assert.Equal(0, await consumer.QueryAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null)));
    }
}
