using System.Net;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Npgsql;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.EndToEnd.Tests;

/// <summary>
/// The fault suite: while tickets flow in through the gateway, RabbitMQ is stopped and started,
/// PostgreSQL is stopped and started, and the consuming service is killed outright and started again.
/// Afterwards every answered request is in the database exactly once, every event of those tickets
/// reached its consumer, and assessment's counts equal the tickets' own.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class FaultTests(PartyGridApp app, Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan Recovery = ResourceControl.Recovery;

    private readonly FaultScenario scenario = new(app, output);
    private readonly ResourceControl resources = new(app);

    [Fact]
    public async Task Tickets_flowing_through_broker_and_database_restarts_and_a_killed_consumer_are_all_kept_and_counted_once()
    {
        var intake = await scenario.PrepareAsync("湄潭县", "永兴镇", "石板村", "茅坝村");
        await using var flow = TicketFlow.Start(app.Gateway.BaseAddress!, intake.Staff, workers: 3);
        await flow.MoreSubmittedAsync(20, "the flow running");

        // The broker away: tickets are still taken in; their events wait in the outbox.
        await resources.StopServerAsync("rabbitmq-server");
        await flow.MoreSubmittedAsync(20, "tickets taken in while RabbitMQ is stopped");
        await resources.CommandAsync("rabbitmq-server", KnownResourceCommands.StartCommand);
        await flow.MoreSubmittedAsync(20, "tickets taken in after RabbitMQ is back");

        // The database away: requests fail, clients retry their keys, consumers hold their messages.
        await scenario.RestartPostgresAsync(flow, resources);

        // The consumer killed mid-stream (no shutdown): what it held unacknowledged is delivered again.
        await resources.KillServiceAsync("assessment");
        await flow.MoreSubmittedAsync(20, "tickets taken in while assessment is down");

        // The gateway's health is every service's readiness: one service away makes it unhealthy.
        using (var unhealthy = await app.Gateway.GetAsync("/health"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
        }

        await resources.CommandAsync("assessment", KnownResourceCommands.StartCommand);
        await flow.MoreSubmittedAsync(20, "tickets taken in after assessment is back");
        await flow.StopAsync();
        using (var healthy = await Eventually.Until(() => app.Gateway.GetAsync("/health"), r => r.StatusCode == HttpStatusCode.OK, Recovery, "the gateway healthy again"))
        {
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        }

        await scenario.VerifyAsync(flow, intake);
    }
}
