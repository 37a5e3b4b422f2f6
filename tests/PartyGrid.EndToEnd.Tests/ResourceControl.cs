using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Xunit;

namespace PartyGrid.EndToEnd.Tests;

/// <summary>Faults an operator (or a pulled plug) brings on the app's resources: dashboard commands, a server stopped, a service killed.</summary>
public sealed class ResourceControl(PartyGridApp app)
{
    public static readonly TimeSpan Recovery = TimeSpan.FromMinutes(3);

    public async Task CommandAsync(string resource, string command)
    {
        var result = await app.ExecuteAsync(resource, command);
        Assert.True(result.Success, $"{command} on {resource}: {result.Message}");
    }

    public Task StartAsync(string resource) => CommandAsync(resource, KnownResourceCommands.StartCommand);

    /// <summary>
    /// TERM to the server's script, as an operator's <c>systemctl stop</c> would send: the script stops
    /// its server in order and exits, and the resource waits to be started again. (The dashboard's
    /// Stop gives up on a server that takes longer than a few seconds under load and reports failure.)
    /// </summary>
    public async Task StopServerAsync(string resource)
    {
        using var kill = Process.Start("kill", ["-TERM", ProcessIdOf(resource).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        await StoppedAsync(resource);
    }

    /// <summary>SIGKILL, as the OOM killer or a pulled plug would: no graceful stop, no acks flushed.</summary>
    public async Task KillServiceAsync(string resource)
    {
        // A service is its own process; the gateway is the child of its `dotnet run`: the whole tree goes.
        using var process = Process.GetProcessById(ProcessIdOf(resource));
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        await StoppedAsync(resource);
    }

    private int ProcessIdOf(string resource)
    {
        Assert.True(app.App.ResourceNotifications.TryGetCurrentState(resource, out var current), $"{resource} has no state");
        var pid = current!.Snapshot.Properties.SingleOrDefault(p => p.Name == "executable.pid")?.Value;
        Assert.NotNull(pid);
        return Convert.ToInt32(pid, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task StoppedAsync(string resource)
    {
        using var timeout = new CancellationTokenSource(Recovery);
        await app.App.ResourceNotifications.WaitForResourceAsync(
            resource, [KnownResourceStates.Exited, KnownResourceStates.Finished, KnownResourceStates.FailedToStart], timeout.Token);
    }
}
