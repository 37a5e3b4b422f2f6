namespace PartyGrid.AppHost.Infrastructure;

/// <summary>What the services need from the infrastructure, whatever the mode.</summary>
public sealed class PartyGridInfrastructure(
    IResourceBuilder<IResource> postgres,
    IResourceBuilder<IResourceWithConnectionString> rabbitMq,
    Func<string, IResourceBuilder<IResourceWithConnectionString>> addDatabase,
    Func<string, IResourceBuilder<IResourceWithConnectionString>>? addBrokerUser = null,
    IReadOnlyDictionary<string, string>? brokerTopology = null)
{
    /// <summary>The server, for <c>WaitFor</c>; null where the server is outside the app (external mode).</summary>
    public IResourceBuilder<IResource> Postgres { get; } = postgres;

    /// <summary>The broker as the operator sees it (readiness, tools beside the app).</summary>
    public IResourceBuilder<IResourceWithConnectionString> RabbitMq { get; } = rabbitMq;

    // One connection string per service, however many replicas reference it.
    private readonly Dictionary<string, IResourceBuilder<IResourceWithConnectionString>> databases = [];
    private readonly Dictionary<string, IResourceBuilder<IResourceWithConnectionString>> brokerUsers = [];

    /// <summary>A connection string named <c>{service}-db</c> for the service's own database.</summary>
    public IResourceBuilder<IResourceWithConnectionString> Database(string service) =>
        databases.TryGetValue(service, out var database) ? database : databases[service] = addDatabase(service);

    /// <summary>The broker as one service signs in to it: its own user where the mode has one, else the shared connection.</summary>
    public IResourceBuilder<IResourceWithConnectionString> Broker(string service) =>
        addBrokerUser is null ? RabbitMq
        : brokerUsers.TryGetValue(service, out var user) ? user
        : brokerUsers[service] = addBrokerUser(service);

    /// <summary>What a process is told of the broker's layout (<c>Messaging:Broker</c>): nothing for a single node.</summary>
    public IReadOnlyDictionary<string, string> BrokerTopology { get; } = brokerTopology ?? new Dictionary<string, string>();
}

public static class BrokerConnectionExtensions
{
    /// <summary>
    /// Connects a process of <paramref name="service"/> to the broker (<c>ConnectionStrings:rabbitmq</c>)
    /// as its own user, tells it the broker's layout, and starts it once the broker is ready.
    /// </summary>
    public static IResourceBuilder<T> ConnectedToBroker<T>(this IResourceBuilder<T> resource, PartyGridInfrastructure infrastructure, string service)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport
    {
        resource.WithReference(infrastructure.Broker(service), "rabbitmq").WaitFor(infrastructure.RabbitMq);
        foreach (var (name, value) in infrastructure.BrokerTopology)
        {
            resource.WithEnvironment(name, value);
        }

        return resource;
    }
}
