using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartyGrid.Testing;

namespace PartyGrid.Bench;

/// <summary>
/// The whole PartyGrid as the harness measures it: the real AppHost in <c>local</c> mode, built in the
/// configuration the harness runs in (Release under <c>bench/run.sh</c>), on free ports, with its data in
/// <see cref="DataDirectory"/> so the generated province survives between runs, and with the dashboard
/// taking every service's telemetry.
/// </summary>
public sealed class BenchApp : IAsyncDisposable
{
    public const string DataDirectory = "/var/lib/partygrid/bench";
    public static readonly string[] Services = ["identity", "organisations", "members", "tickets", "pairing", "assessment", "notifications", "gateway"];

    private BenchApp(DistributedApplication app, Uri gateway, Uri tickets, int postgresPort)
    {
        App = app;
        Gateway = gateway;
        Tickets = tickets;
        PostgresPort = postgresPort;
    }

    public DistributedApplication App { get; }

    public Uri Gateway { get; }

    /// <summary>The tickets service's own endpoint, for "direct" figures.</summary>
    public Uri Tickets { get; }

    public int PostgresPort { get; }

    /// <summary>The superuser's password for this bench run: the server's script sets it again at every start.</summary>
    public static string PostgresPassword { get; } = "Pg!" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <param name="settings">AppHost settings on top of the harness's own, e.g. a trace sampling ratio.</param>
    public static async Task<BenchApp> StartAsync(params string[] settings)
    {
        var postgresPort = FreePorts.Block();
        string[] args =
        [
            "--Infrastructure:Mode=local",
            $"--Infrastructure:PostgresPort={postgresPort}",
            $"--Infrastructure:RabbitMqPort={FreePorts.Block(3)}",
            $"--Infrastructure:DataDirectory={DataDirectory}",
            $"--Parameters:postgres-password={PostgresPassword}",
            $"--Gateway:Port={FreePorts.Block()}",
            "--Demo:Enabled=true",
            "--Demo:LoadOnStart=false",
            "--Auth:DevelopmentTokens=true",
            // The harness measures the machine, not the quota: the highest quota the gateway accepts.
            "--Gateway:Settings:RequestsPerMinute=6000000",
            // Importing the 50,656-organisation province is one request of about a minute.
            "--Gateway:Settings:BackendTimeout=00:05:00",

            // With the dashboard, as ./run.sh runs: the services export their telemetry to it. Without
            // one the testing builder still points them at an OTLP port nobody listens on, and they
            // keep failed batches in memory to retry.
            $"--ASPNETCORE_URLS=http://localhost:{FreePorts.Block()}",
            $"--ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://localhost:{FreePorts.Block()}",
            $"--ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://localhost:{FreePorts.Block()}",
            "--ASPIRE_ALLOW_UNSECURED_TRANSPORT=true",
            "--ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true",
            .. settings,
        ];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PartyGrid_AppHost>(
            args, (options, _) => options.DisableDashboard = false);

        // Aspire forwards every line the resources print to this process's console: on two cores that
        // is load the measured system does not carry when run by ./run.sh. Problems still come through.
        builder.Services.AddLogging(logging => logging.AddFilter("PartyGrid.AppHost.Resources", LogLevel.Warning));
        var app = await builder.BuildAsync();
        using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        await app.StartAsync(startup.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", startup.Token);
        return new BenchApp(app, app.GetEndpoint("gateway", "http"), app.GetEndpoint("tickets", "http"), postgresPort);
    }

    /// <summary>The PostgreSQL server as its superuser, for pgbench and the statistics.</summary>
    public string ServerConnection => $"Host=127.0.0.1;Port={PostgresPort};Username=postgres;Password={PostgresPassword}";

    /// <summary>A client of the gateway signed in as admin; the caller disposes it.</summary>
    public async Task<HttpClient> AdminAsync()
    {
        var admin = new HttpClient { BaseAddress = Gateway, Timeout = TimeSpan.FromMinutes(10) };
        admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await BenchHttp.TokenAsync(admin));
        return admin;
    }

    public async Task<string> ConnectionStringAsync(string service) =>
        await App.GetConnectionStringAsync($"{service}-db") ?? throw new InvalidOperationException($"No database for {service}.");

    public async Task<Uri> RabbitMqAsync() =>
        new(await App.GetConnectionStringAsync("rabbitmq") ?? throw new InvalidOperationException("No RabbitMQ connection string."));

    /// <summary>The process id Aspire started for a resource (for a project, its <c>dotnet run</c>).</summary>
    public int ProcessOf(string resource)
    {
        if (!App.ResourceNotifications.TryGetCurrentState(resource, out var current)
            || current.Snapshot.Properties.SingleOrDefault(p => p.Name == "executable.pid")?.Value is not { } pid)
        {
            throw new InvalidOperationException($"{resource} has no process.");
        }

        return Convert.ToInt32(pid, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
