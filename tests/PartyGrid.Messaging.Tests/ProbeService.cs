using Microsoft.Extensions.Configuration;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PartyGrid.Contracts;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Persistence;
using PartyGrid.Testing;

namespace PartyGrid.Messaging.Tests;

/// <summary>
/// A service host built the way the real services are (AddServiceDatabase + AddMessaging), against
/// a database of its own on the test PostgreSQL server and a given RabbitMQ node.
/// </summary>
public sealed class ProbeService : IAsyncDisposable
{
    private ProbeService(IHost host, string connectionString)
    {
        Host = host;
        ConnectionString = connectionString;
    }

    public IHost Host { get; }

    public string ConnectionString { get; }

    public DeliveryObserver Deliveries { get; } = new();

    public static async Task<ProbeService> StartAsync(
        string serviceName, Uri rabbitMq, Action<ConsumerRegistry>? consumers, string? connectionString = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        connectionString ??= await TestServers.CreateDatabaseAsync("probe");
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:probe-db"] = connectionString;
        builder.Configuration["ConnectionStrings:rabbitmq"] = rabbitMq.ToString();
        builder.Configuration["Outbox:PollInterval"] = "00:00:00.200";
        builder.Configuration["Outbox:PublishTimeout"] = "00:00:03";
        builder.Configuration["Outbox:MaxBackoff"] = "00:00:01";
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddServiceDatabase<ProbeDbContext>("probe-db");

        // The schema comes from EnsureCreated below: a test context has no migrations to apply.
        builder.Services.ConfigureDbContext<ProbeDbContext>(o =>
            o.ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning)));
        builder.AddMessaging<ProbeDbContext>(serviceName, consumers);
        var host = builder.Build();

        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProbeDbContext>().Database.EnsureCreatedAsync();
        }

        var probe = new ProbeService(host, connectionString);
        host.Services.GetRequiredService<IBus>().ConnectConsumeObserver(probe.Deliveries);
        await host.StartAsync();

        // Publishing before the receive endpoints have declared and bound their queues would drop the
        // message at the exchange; a real service is only sent traffic once /health says the bus is up.
        var health = await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        if (health != BusHealthStatus.Healthy)
        {
            throw new InvalidOperationException($"The bus did not become healthy: {health}");
        }

        return probe;
    }

    public async Task<T> QueryAsync<T>(Func<ProbeDbContext, Task<T>> query)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ProbeDbContext>());
    }

    public Task<int> TallyAsync(Guid messageId) =>
        QueryAsync(db => db.Tallies.Where(t => t.MessageId == messageId).Select(t => t.Count).FirstOrDefaultAsync());

    public Task<int> InboxRowsAsync(Guid messageId) =>
        QueryAsync(db => db.Set<InboxMessage>().CountAsync(m => m.MessageId == messageId));

    public static OrganisationChanged Organisation(Guid id, long version = 1, string name = "Probe") =>
        new(id, null, id.ToString("N"), $"probe-{id:N}", name, OrganisationTier.County, Area.Rural, OrganisationKind.Committee, OrganisationStatus.Active, version);

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Host.StopAsync(timeout.Token);
        Host.Dispose();
    }
}
