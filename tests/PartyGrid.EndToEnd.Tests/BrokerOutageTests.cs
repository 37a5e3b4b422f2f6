using System.Net;
using Aspire.Hosting.ApplicationModel;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.EndToEnd.Tests;

[Collection(EndToEndCollection.Name)]
public sealed class BrokerOutageTests(PartyGridApp app)
{
    private readonly Organisations organisations = new(app);
    private readonly ServiceDatabases databases = new(app);

    [Fact]
    public async Task With_RabbitMQ_stopped_an_organisation_is_still_created_and_reaches_every_projection_once_it_is_back()
    {
        await app.ExecuteAsync("rabbitmq-server", KnownResourceCommands.StopCommand);
        Guid id;
        try
        {
            (id, _) = await organisations.RegisterCountyOkAsync("桐梓县");

            // Accepted and kept: the event waits in the organisations outbox while the broker is away.
            var pending = (await databases.OutboxAsync("organisations")).Where(r => r.SentAt is null).ToList();
            Assert.NotEmpty(pending);
        }
        finally
        {
            await app.ExecuteAsync("rabbitmq-server", KnownResourceCommands.StartCommand);
        }

        foreach (var service in PartyGridApp.ProjectionServices)
        {
            var row = await Eventually.Until(
                () => databases.ProjectedOrganisationAsync(service, id), r => r is not null, TimeSpan.FromMinutes(2), $"{service} projection after recovery");
            Assert.Equal(("桐梓县", 1L), row!.Value);
        }

        var outbox = await Eventually.Until(
            () => databases.OutboxAsync("organisations"), rows => rows.All(r => r.SentAt is not null), TimeSpan.FromMinutes(1), "outbox drained");
        var messageIds = outbox.Select(r => r.Id).ToList();
        foreach (var service in PartyGridApp.ProjectionServices)
        {
            // Each consumer handled each outbox message once, however often the dispatcher retried.
            foreach (var messageId in messageIds)
            {
                Assert.InRange(await databases.CountAsync(service, "SELECT count(*) FROM inbox_messages WHERE message_id = @id", messageId), 0, 1);
            }

            Assert.Equal(1, await databases.CountAsync(service, "SELECT count(*) FROM organisations WHERE id = @id", id));
        }

        using var health = await Eventually.Until(
            () => app.Gateway.GetAsync("/health"), r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromMinutes(1), "gateway healthy again");
    }
}
