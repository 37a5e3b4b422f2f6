using System.Diagnostics;

namespace PartyGrid.Testing;

/// <summary>
/// One of the <c>infra/</c> scripts running a private server for a test run. The scripts stop their
/// server when this process is killed too, so a crashed test host leaves nothing running.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;

    private ServerProcess(Process process) => this.process = process;

    public static ServerProcess Start(string script, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(RepositoryRoot.Infra(script));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {script}.");
        var server = new ServerProcess(process);
        process.OutputDataReceived += (_, e) => server.Record(e.Data);
        process.ErrorDataReceived += (_, e) => server.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    private readonly Queue<string> recent = new();

    public bool HasExited => process.HasExited;

    /// <summary>The server's last lines of output, for failure messages.</summary>
    public string RecentOutput()
    {
        lock (recent)
        {
            return string.Join(Environment.NewLine, recent);
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (recent)
        {
            recent.Enqueue(line);
            while (recent.Count > 40)
            {
                recent.Dequeue();
            }
        }
    }

    /// <summary>An orderly stop: the script turns TERM into the server's own fast shutdown.</summary>
    public async Task StopAsync()
    {
        if (process.HasExited)
        {
            return;
        }

        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill!.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        process.Dispose();
    }
}
