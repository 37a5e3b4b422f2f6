using System.Net;
using Aspire.Hosting.ApplicationModel;
using PartyGrid.Contracts;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.EndToEnd.Tests;

/// <summary>
/// Two replicas of every service and of the gateway (<c>--Scale:Replicas=2</c>) on a three-node RabbitMQ
/// cluster (<c>--Infrastructure:RabbitMqNodes=3</c>), one port: while tickets flow in, the broker node
/// every client connects to first is killed outright and started again, one replica of tickets and one
/// of assessment are killed and started again, and PostgreSQL is stopped and started. The other nodes and
/// replicas carry on — clients move to the next node, quorum queues keep their messages, the gateway stops
/// sending to the dead replica, the live consumer takes what the dead one held — and afterwards every
/// answered ticket is there once and counted once, and every ticket whose deadline passed while a
/// tickets replica died was escalated once.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ReplicaFaultTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task With_two_replicas_on_a_broker_cluster_killing_a_node_replicas_and_restarting_the_database_loses_and_doubles_nothing()
    {
        var run = PartyGridApp.Replicated(2, brokerNodes: 3);
        try
        {
            await run.InitializeAsync();
            var scenario = new FaultScenario(run, output);
            var resources = new ResourceControl(run);
            var intake = await scenario.PrepareAsync("凤冈县", "进化镇", "临江村", "河坝村");
            var overdue = await OverdueTickets.TakeInAsync(run, intake.County, count: 30);

            // Every queue of the run is replicated over the cluster, not held by one node.
            Assert.True(await BrokerQueues.IsQuorumAsync($"assessment.{TicketChanged.EventName}", run.RabbitMq), "assessment's queue is a quorum queue");
            Assert.True(await BrokerQueues.IsQuorumAsync($"tickets.{OrganisationChanged.EventName}", run.RabbitMq), "tickets' queue is a quorum queue");

            await using var flow = TicketFlow.Start(run.Gateway.BaseAddress!, intake.Staff, workers: 3);
            await flow.MoreSubmittedAsync(20, "the flow running on two replicas and three broker nodes");

            // The first node, where every client connected, gone without a goodbye: clients reconnect to
            // the next node, queues' leaders move, the outbox holds what could not be confirmed.
            await resources.KillServiceAsync("rabbitmq-server");
            await flow.MoreSubmittedAsync(20, "tickets taken in while the first broker node is dead");
            // Not held until the node is back: published and consumed through the other two now.
            await scenario.EventsConsumedAsync(intake, flow.SubmittedIds.Count);
            await resources.StartAsync("rabbitmq-server");
            await flow.MoreSubmittedAsync(20, "tickets taken in with the first broker node back");

            // Deadlines pass just as a tickets replica dies: both replicas' timers and run-now requests
            // race for the same overdue tickets, one replica killed in the middle of it.
            await overdue.FallOverdueAsync();
            var clockRuns = overdue.RunClockAsync(6);
            await resources.KillServiceAsync("tickets");
            await clockRuns;
            await flow.MoreSubmittedAsync(20, "tickets taken in by tickets-2 alone");
            Assert.Contains(HttpStatusCode.OK, await overdue.RunClockAsync(2));

            // One replica away, the other ready: the gateway stays ready (the single run's fault suite
            // shows it unready when the only replica is away).
            for (var i = 0; i < 4; i++)
            {
                using var health = await run.Gateway.GetAsync("/health");
                Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            }

            await resources.KillServiceAsync("assessment");
            await flow.MoreSubmittedAsync(20, "tickets taken in while assessment-2 alone consumes");

            await resources.StartAsync("tickets");
            await resources.StartAsync("assessment");
            await flow.MoreSubmittedAsync(20, "tickets taken in with both replicas back");

            // The database away under every replica at once.
            await scenario.RestartPostgresAsync(flow, resources);
            await flow.StopAsync();

            await scenario.VerifyAsync(flow, intake);
            await overdue.VerifyEscalatedOnceAsync();
            Assert.Equal(
                Enumerable.Repeat(KnownResourceStates.Running, 5),
                new[] { "rabbitmq-server-2", "rabbitmq-server-3", "rabbitmq-epmd", "tickets-2", "assessment-2" }
                    .Select(r => run.App.ResourceNotifications.TryGetCurrentState(r, out var state) ? state.Snapshot.State?.Text : null));
        }
        finally
        {
            await run.DisposeAsync();
        }
    }
}
