using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using PartyGrid.AppHost;
using Microsoft.Extensions.DependencyInjection;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.EndToEnd.Tests;

/// <summary>
/// The real AppHost in <c>local</c> mode — its own PostgreSQL and RabbitMQ executables on free ports
/// and a temp data directory, the five services and the gateway — started once for the end-to-end
/// collection and driven through the gateway.
/// </summary>
public sealed partial class PartyGridApp : IAsyncLifetime
{
    public static readonly string[] ProjectionServices = ["members", "tickets", "pairing", "assessment"];

    private readonly string dataDirectory;
    private readonly ConcurrentQueue<string> errorLines = new();
    private readonly ConcurrentDictionary<string, int> linesSeen = new();
    private readonly CancellationTokenSource stopWatching = new();

    private readonly bool loadDemoOnStart;
    private readonly int replicas = 1;
    private readonly int brokerNodes = 1;

    public PartyGridApp()
        : this(loadDemoOnStart: false, replicas: 1)
    {
    }

    private PartyGridApp(bool loadDemoOnStart, int replicas, int brokerNodes = 1, string? dataDirectory = null) =>
        (this.loadDemoOnStart, this.replicas, this.brokerNodes, this.dataDirectory) =
        (loadDemoOnStart, replicas, brokerNodes, dataDirectory ?? TestServers.PrivateDirectory("partygrid-e2e-"));

    /// <summary>A run of its own on a data directory prepared before (a restored backup's); deleted with the run.</summary>
    public static PartyGridApp OnDataDirectory(string dataDirectory) => new(loadDemoOnStart: false, replicas: 1, dataDirectory: dataDirectory);

    /// <summary>Where the run keeps its servers' data and its secrets.</summary>
    public string DataDirectory => dataDirectory;

    /// <summary>A run of its own that loads the demo county on start, as the run command does.</summary>
    public static PartyGridApp LoadingTheDemoOnStart() => new(loadDemoOnStart: true, replicas: 1);

    /// <summary>
    /// A run of its own with every service and the gateway <paramref name="replicas"/> times (<c>--Scale:Replicas</c>)
    /// and RabbitMQ as a cluster of <paramref name="brokerNodes"/> (<c>--Infrastructure:RabbitMqNodes</c>).
    /// </summary>
    public static PartyGridApp Replicated(int replicas, int brokerNodes = 1) => new(loadDemoOnStart: false, replicas, brokerNodes);

    /// <summary>
    /// Every error-level line a PartyGrid process (a service, the gateway, the demo loader) has written
    /// to its console since the start, as <c>resource: line</c>: what the dashboard shows in red.
    /// </summary>
    public IReadOnlyCollection<string> ErrorLines => errorLines;

    /// <summary>How many console lines each PartyGrid process has written: proof that the watch sees them.</summary>
    public IReadOnlyDictionary<string, int> LinesSeen => linesSeen;

    public DistributedApplication App { get; private set; } = null!;

    public HttpClient Gateway { get; private set; } = null!;

    public Uri RabbitMq { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var postgresPort = FreePorts.Block();
        var rabbitMqPort = FreePorts.Block(3 * brokerNodes);
        var gatewayPort = FreePorts.Block();
        string[] args =
        [
            "--Infrastructure:Mode=local",
            $"--Infrastructure:PostgresPort={postgresPort}",
            $"--Infrastructure:RabbitMqPort={rabbitMqPort}",
            $"--Infrastructure:DataDirectory={dataDirectory}",
            $"--Gateway:Port={gatewayPort}",
            "--Demo:Enabled=true",
            $"--Demo:LoadOnStart={loadDemoOnStart}",
            $"--Scale:Replicas={replicas}",
            $"--Infrastructure:RabbitMqNodes={brokerNodes}",
            "--Auth:DevelopmentTokens=true",

            // Rollover within a test: a successor signs ten seconds after it is published, and
            // validators may fetch keys again a second after their last fetch.
            "--Identity:Keys:PublishLead=00:00:10",
            "--Auth:Settings:KeyRefreshInterval=00:00:01",
            "--Identity:Keys:CheckInterval=00:00:01",
            "--Identity:Settings:SignInAttemptsPerMinute=600",

            // Webhook receivers listen on 127.0.0.1 over http; retries come quickly instead of after 5 s and 5 min.
            "--Webhooks:AllowPrivateTargets=true",
            "--Webhooks:RetryDelays:0=00:00:00.200",
            "--Webhooks:RetryDelays:1=00:00:00.400",

            // Every test calls from 127.0.0.1 and some send bad credentials on purpose.
            "--Gateway:Settings:FailedCredentialsPerMinute=600000",
        ];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PartyGrid_AppHost>(args);
        App = await builder.BuildAsync();
        // Patience, not a target: a replicated run starts every process that many times on the same two cores.
        using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(5) * replicas);
        await App.StartAsync(startup.Token);

        // Once started, each resource has its running instance to read from; its log is read from the beginning.
        WatchForErrors();
        await App.ResourceNotifications.WaitForResourceHealthyAsync("gateway", startup.Token);

        Gateway = App.CreateHttpClient("gateway", "http");
        RabbitMq = new Uri(await App.GetConnectionStringAsync("rabbitmq", startup.Token)
            ?? throw new InvalidOperationException("No RabbitMQ connection string."));
    }

    public async Task DisposeAsync()
    {
        await stopWatching.CancelAsync();
        Gateway?.Dispose();
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }

        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A server may still be flushing; the temp directory is the OS's to clean then.
        }
    }

    /// <summary>Waits for the demo loader started with the run (<see cref="LoadingTheDemoOnStart"/>) to finish, and checks it succeeded.</summary>
    public async Task<ResourceEvent> DemoLoadedAsync()
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        var done = await App.ResourceNotifications.WaitForResourceAsync(
            "demo-data", e => e.Snapshot.State?.Text == KnownResourceStates.Finished, patience.Token);
        Assert.Equal(0, done.Snapshot.ExitCode);
        return done;
    }

    public async Task<string> ConnectionStringAsync(string service) =>
        await App.GetConnectionStringAsync($"{service}-db") ?? throw new InvalidOperationException($"No database for {service}.");

    /// <summary>A staff token from the identity service's development endpoint (enabled for the tests), through the gateway.</summary>
    public async Task<string> TokenAsync(Guid orgId, params string[] roles)
    {
        using var response = await Gateway.PostAsJsonAsync("/dev/token", new { sub = "e2e", name = "End to end", orgId, roles });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<TokenBody>();
        return body!.AccessToken;
    }

    /// <summary>The value of one of the run's secret parameters (a client secret, say).</summary>
    public async Task<string> ParameterAsync(string name) =>
        await App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ParameterResource>().Single(p => p.Name == name).GetValueAsync(CancellationToken.None)
        ?? throw new InvalidOperationException($"Parameter {name} has no value.");

    public Task<ExecuteCommandResult> ExecuteAsync(string resource, string command) =>
        App.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(resource, command);

    private void WatchForErrors()
    {
        var logs = App.Services.GetRequiredService<ResourceLoggerService>();
        foreach (var project in App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Where(r => r is BuiltProject or ProjectResource))
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await foreach (var batch in logs.WatchAsync(project).WithCancellation(stopWatching.Token))
                    {
                        linesSeen.AddOrUpdate(project.Name, batch.Count, (_, seen) => seen + batch.Count);
                        foreach (var line in batch.Where(l => l.IsErrorMessage || ErrorLevel().IsMatch(l.Content)))
                        {
                            errorLines.Enqueue($"{project.Name}: {line.Content}");
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                    // The run is over.
                }
                catch (Exception ex)
                {
                    errorLines.Enqueue($"{project.Name}: the log watch failed: {ex}");
                }
            });
        }
    }

    // The console logger's level prefix for Error and Critical.
    [GeneratedRegex(@"(^|\s)(fail|crit): ")]
    private static partial Regex ErrorLevel();

    private sealed record TokenBody(string AccessToken, DateTimeOffset ExpiresAt);
}

[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<PartyGridApp>
{
    public const string Name = "PartyGrid end to end";
}
