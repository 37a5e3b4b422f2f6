using System.Globalization;

namespace PartyGrid.AppHost.Infrastructure;

/// <summary>
/// RabbitMQ in local mode (<c>Infrastructure:RabbitMqNodes</c>): one node, as always, or a cluster of
/// several on this machine — each node its own resource (<c>rabbitmq-server</c>, <c>rabbitmq-server-2</c>, …)
/// with its own name, ports and data, all sharing one epmd and one cookie, the later ones joining the
/// first. Node <c>n</c> listens on <c>RabbitMqPort + 3(n-1)</c> and distributes on the port after it;
/// the epmd is at <c>RabbitMqPort + 2</c>. A cluster keeps its data apart from the single node's
/// (<c>rabbitmq-cluster/</c>): its queues are of another type.
/// </summary>
public sealed class BrokerNodes
{
    public const int MaxNodes = 7;

    private BrokerNodes(IReadOnlyList<BrokerNode> nodes, IReadOnlyDictionary<string, string> topology) => (Nodes, Topology) = (nodes, topology);

    public IReadOnlyList<BrokerNode> Nodes { get; }

    /// <summary>What a service is told of the layout (<c>Messaging:Broker</c>): nothing for one node.</summary>
    public IReadOnlyDictionary<string, string> Topology { get; }

    public static BrokerNodes Add(
        IDistributedApplicationBuilder builder, string scripts, string dataDirectory, int port, int count, ReferenceExpression users)
    {
        if (count is < 1 or > MaxNodes)
        {
            throw new InvalidOperationException($"Infrastructure:RabbitMqNodes is {count}; use 1 to {MaxNodes}.");
        }

        var script = Path.Combine(scripts, "rabbitmq.sh");
        if (count == 1)
        {
            var single = builder.AddExecutable("rabbitmq-server", "bash", scripts, script, Path.Combine(dataDirectory, "rabbitmq"), Text(port))
                .WithEnvironment("PARTYGRID_RABBITMQ_USERS", users);
            return new BrokerNodes([new BrokerNode(single, port)], new Dictionary<string, string>());
        }

        var clusterDirectory = Path.Combine(dataDirectory, "rabbitmq-cluster");
        var epmdPort = Text(port + 2);
        var epmd = builder.AddExecutable("rabbitmq-epmd", "bash", scripts, Path.Combine(scripts, "rabbitmq-cluster-epmd.sh"), epmdPort);
        var nodes = new List<BrokerNode>();
        for (var n = 1; n <= count; n++)
        {
            var nodePort = port + (3 * (n - 1));
            var server = builder.AddExecutable(
                    n == 1 ? "rabbitmq-server" : $"rabbitmq-server-{n}", "bash", scripts, script, Path.Combine(clusterDirectory, $"node-{n}"), Text(nodePort))
                .WithEnvironment("PARTYGRID_RABBITMQ_EPMD_PORT", epmdPort)
                .WithEnvironment("PARTYGRID_RABBITMQ_HOME", Path.Combine(clusterDirectory, "home"))
                .WaitFor(epmd);

            // Users live in the cluster's shared schema: the first node makes them, the others join it.
            server = n == 1
                ? server.WithEnvironment("PARTYGRID_RABBITMQ_USERS", users)
                : server.WithEnvironment("PARTYGRID_RABBITMQ_JOIN", $"partygrid-{Text(port)}@localhost").WaitFor(nodes[0].Server);
            nodes.Add(new BrokerNode(server, nodePort));
        }

        var topology = nodes.Select((node, i) => ($"Messaging__Broker__Nodes__{Text(i)}", $"127.0.0.1:{Text(node.Port)}"))
            .Append(("Messaging__Broker__QuorumReplicas", Text(count)))
            .ToDictionary(e => e.Item1, e => e.Item2);
        return new BrokerNodes(nodes, topology);
    }

    /// <summary>Makes <paramref name="resource"/> start once every node is ready (queues declared before then would miss replicas).</summary>
    public IResourceBuilder<T> AwaitedBy<T>(IResourceBuilder<T> resource)
        where T : IResourceWithWaitSupport
    {
        foreach (var node in Nodes)
        {
            resource.WaitFor(node.Server);
        }

        return resource;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}

public sealed record BrokerNode(IResourceBuilder<ExecutableResource> Server, int Port);
