using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Xunit;

namespace PartyGrid.EndToEnd.Tests;

/// <summary>
/// A first start of the run command on empty data — databases created, migrated, the demo county
/// loaded — leaves the dashboard without a single error: an operator who sees red should have a problem.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CleanStartTests
{
    [Fact]
    public async Task A_first_start_with_the_demo_load_logs_no_error_from_any_PartyGrid_process()
    {
        var run = PartyGridApp.LoadingTheDemoOnStart();
        try
        {
            await run.InitializeAsync();
            var done = await run.DemoLoadedAsync();
            using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(6));
            foreach (var process in new[] { "organisations", "members", "tickets", "pairing", "assessment", "identity", "gateway", "demo-data" })
            {
                Assert.True(run.LinesSeen.GetValueOrDefault(process) > 0, $"no console line seen from {process}; seen: {string.Join(", ", run.LinesSeen)}; {string.Join('\n', run.ErrorLines)}");
            }

            Assert.True(run.ErrorLines.Count == 0, "Errors on a clean start:\n" + string.Join('\n', run.ErrorLines));

            // Loading it again is refused record by record (409s for what exists): still no error.
            var command = await run.ExecuteAsync("gateway", "load-demo-county");
            Assert.True(command.Success, command.Message);
            var again = await run.App.ResourceNotifications.WaitForResourceAsync(
                "demo-data", e => e.Snapshot.State?.Text == KnownResourceStates.Finished && e.Snapshot.StopTimeStamp != done.Snapshot.StopTimeStamp, patience.Token);
            Assert.Equal(0, again.Snapshot.ExitCode);
            Assert.True(run.ErrorLines.Count == 0, "Errors on loading the demo again:\n" + string.Join('\n', run.ErrorLines));
        }
        finally
        {
            await run.DisposeAsync();
        }
    }
}
