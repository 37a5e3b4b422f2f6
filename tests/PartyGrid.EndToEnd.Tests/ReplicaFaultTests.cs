using System.Net;
using Aspire.Hosting.ApplicationModel;
using Xunit;

namespace PartyGrid.EndToEnd.Tests;

/// <summary>
/// Two replicas of every service and of the gateway (<c>--Scale:Replicas=2</c>), one port: while tickets
/// flow in, one replica of tickets and one of assessment are killed outright and started again. The
/// other replicas carry on — the gateway stops sending to the dead one, the live consumer takes what the
/// dead one held — and afterwards every answered ticket is there once and counted once.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ReplicaFaultTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task With_two_replicas_killing_one_of_tickets_and_one_of_assessment_loses_and_doubles_nothing()
    {
        var run = PartyGridApp.Replicated(2);
        try
        {
            await run.InitializeAsync();
            var scenario = new FaultScenario(run, output);
            var resources = new ResourceControl(run);
            var intake = await scenario.PrepareAsync("凤冈县", "进化镇", "临江村", "河坝村");
            await using var flow = TicketFlow.Start(run.Gateway.BaseAddress!, intake.Staff, workers: 3);
            await flow.MoreSubmittedAsync(20, "the flow running on two replicas");

            await resources.KillServiceAsync("tickets");
            await flow.MoreSubmittedAsync(20, "tickets taken in by tickets-2 alone");

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
            await flow.StopAsync();

            // A replica's death may cost the requests it held, or none: the flow retried them under their keys.
            await scenario.VerifyAsync(flow, intake, requestsFailed: false);
            Assert.Equal(
                [KnownResourceStates.Running, KnownResourceStates.Running],
                new[] { "tickets-2", "assessment-2" }.Select(r => run.App.ResourceNotifications.TryGetCurrentState(r, out var state) ? state.Snapshot.State?.Text : null));
        }
        finally
        {
            await run.DisposeAsync();
        }
    }
}
