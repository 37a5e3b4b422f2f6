using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using MassTransit;
using PartyGrid.Contracts;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.EndToEnd.Tests;

[Collection(EndToEndCollection.Name)]
public sealed class ProjectionTests(PartyGridApp app)
{
    private readonly Organisations organisations = new(app);
    private readonly ServiceDatabases databases = new(app);

    [Fact]
    public async Task An_organisation_created_and_renamed_through_the_gateway_reaches_every_projection_and_an_older_replay_changes_nothing()
    {
        var (id, version) = await organisations.RegisterCountyOkAsync("遵义县");
        Assert.Equal(1, version);
        foreach (var service in PartyGridApp.ProjectionServices)
        {
            var row = await Eventually.Until(() => databases.ProjectedOrganisationAsync(service, id), r => r is not null, what: $"{service} projection");
            Assert.Equal(("遵义县", 1L), row!.Value);
        }

        using (var renamed = await organisations.RenameAsync(id, "播州区", version))
        {
            Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
            Assert.Equal("\"2\"", renamed.Headers.ETag?.Tag);
        }

        foreach (var service in PartyGridApp.ProjectionServices)
        {
            var row = await Eventually.Until(() => databases.ProjectedOrganisationAsync(service, id), r => r?.Version == 2, what: $"{service} rename");
            Assert.Equal("播州区", row!.Value.Name);
        }

        // Replay the first snapshot as a new message: it is consumed (the inbox records it) and ignored.
        var replayId = NewId.NextGuid();
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(app.RabbitMq);

            // Events travel with kebab-case enum names, as everywhere in PartyGrid.
            cfg.ConfigureJsonSerializerOptions(o =>
            {
                o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
                return o;
            });
        });
        await bus.StartAsync();
        try
        {
            var stale = new OrganisationChanged(id, null, id.ToString("N"), "stale", "遵义县", OrganisationTier.County, Area.Rural, OrganisationKind.Committee, OrganisationStatus.Active, 1);
            await bus.Publish(stale, c => c.MessageId = replayId);
        }
        finally
        {
            await bus.StopAsync();
        }

        foreach (var service in PartyGridApp.ProjectionServices)
        {
            await Eventually.Until(
                () => databases.CountAsync(service, "SELECT count(*) FROM inbox_messages WHERE message_id = @id", replayId),
                n => n == 1,
                what: $"{service} consumed the replay");
            Assert.Equal(("播州区", 2L), (await databases.ProjectedOrganisationAsync(service, id))!.Value);
        }
    }

    [Fact]
    public async Task A_stale_If_Match_is_refused_with_412_and_changes_nothing()
    {
        var (id, _) = await organisations.RegisterCountyOkAsync("仁怀市");
        using (var first = await organisations.RenameAsync(id, "仁怀", 1))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var stale = await organisations.RenameAsync(id, "茅台", 1);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        var row = await Eventually.Until(() => databases.ProjectedOrganisationAsync("tickets", id), r => r?.Version == 2, what: "tickets rename");
        Assert.Equal("仁怀", row!.Value.Name);
    }
}
