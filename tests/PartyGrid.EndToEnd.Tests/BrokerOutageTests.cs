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
        var stopped = await app.ExecuteAsync("rabbitmq-server", KnownResourceCommands.StopCommand);
        Assert.True(stopped.Success, $"the broker stopped: {stopped.Message}");
        Guid id;
        try
        {
            (id, _) = await organisations.RegisterCountyOkAsync("桐梓县");

            // Accepted and kept: this organisation's event waits in the outbox while the broker is away.
            Assert.Null(Assert.Single(await databases.OutboxAsync("organisations", id)).SentAt);
        }
        finally
        {
            var started = await app.ExecuteAsync("rabbitmq-server", KnownResourceCommands.StartCommand);
            Assert.True(started.Success, $"the broker started again: {started.Message}");
        }

        foreach (var service in PartyGridApp.ProjectionServices)
        {
            var row = await Eventually.Until(
                () => databases.ProjectedOrganisationAsync(service, id), r => r is not null, TimeSpan.FromMinutes(2), $"{service} projection after recovery");
            Assert.Equal(("桐梓县", 1L), row!.Value);
        }

        var outbox = await Eventually.Until(
            () => databases.OutboxAsync("organisations", id), rows => rows.All(r => r.SentAt is not null), TimeSpan.FromMinutes(1), "the event sent");
        var messageId = Assert.Single(outbox).Id;
        foreach (var service in PartyGridApp.ProjectionServices)
        {
            // Each service's projection handled the message exactly once, however often the dispatcher retried.
            Assert.Equal(1, await databases.CountAsync(
                service, "SELECT count(*) FROM inbox_messages WHERE message_id = @id AND consumer = 'organisation-projection'", messageId));

            Assert.Equal(1, await databases.CountAsync(service, "SELECT count(*) FROM organisations WHERE id = @id", id));
        }

        using var health = await Eventually.Until(
            () => app.Gateway.GetAsync("/health"), r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromMinutes(1), "gateway healthy again");
    }
}
