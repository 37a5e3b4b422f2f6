namespace PartyGrid.AppHost;

/// <summary>
/// A service run as one or more processes (<c>Scale:Replicas</c>), each a resource of its own — <c>tickets</c>,
/// <c>tickets-2</c>, … — on a port of its own. A caller finds them all under the service's name (service
/// discovery lists every replica), and the gateway's proxy spreads requests over them and stops sending to
/// one that is down. Replicas share the service's database and queues, as a deployment's do.
/// </summary>
public sealed class ServiceReplicas
{
    private ServiceReplicas(string name, IReadOnlyList<IResourceBuilder<BuiltProject>> replicas) => (Name, All) = (name, replicas);

    public string Name { get; }

    public IReadOnlyList<IResourceBuilder<BuiltProject>> All { get; }

    /// <summary>The first replica, named as the service: the one whose address stands for the service where a single address is needed.</summary>
    public IResourceBuilder<BuiltProject> First => All[0];

    public static ServiceReplicas Add<TProject>(IDistributedApplicationBuilder builder, string name, int count)
        where TProject : IProjectMetadata, new()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new(name, Enumerable.Range(1, count)
            .Select(n => builder.AddBuiltProject<TProject>(n == 1 ? name : $"{name}-{n}").WithHttpService())
            .ToList());
    }

    /// <summary>Configures every replica alike.</summary>
    public ServiceReplicas Each(Action<IResourceBuilder<BuiltProject>> configure)
    {
        foreach (var replica in All)
        {
            configure(replica);
        }

        return this;
    }
}

public static class ServiceReplicasExtensions
{
    /// <summary>Lets <paramref name="caller"/> reach every replica of <paramref name="service"/> by its name (<c>http://tickets</c>), once they run.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> caller, ServiceReplicas service)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport
    {
        for (var i = 0; i < service.All.Count; i++)
        {
            caller.WithEnvironment($"services__{service.Name}__http__{i}", service.All[i].GetEndpoint("http")).WaitFor(service.All[i]);
        }

        return caller;
    }
}
