using System.ComponentModel.DataAnnotations;
using MassTransit;
using Microsoft.Extensions.Options;

namespace PartyGrid.ServiceDefaults.Messaging;

/// <summary>
/// How the broker is laid out (<c>Messaging:Broker</c>). The default is one node and classic queues. A
/// cluster names its nodes, which a client tries in order when its node goes away, and keeps every
/// durable queue as a quorum queue replicated on that many nodes, so a node lost loses no message.
/// </summary>
public sealed class BrokerTopology
{
    public const string Section = "Messaging:Broker";

    /// <summary><c>host:port</c> of every node, in the order a client tries them; none: the connection string's host alone.</summary>
    public string[] Nodes { get; set; } = [];

    /// <summary>The nodes each queue is replicated on; 0 keeps classic queues (a single node's).</summary>
    [Range(0, 7)]
    public int QuorumReplicas { get; set; }

    internal void ApplyTo(IRabbitMqHostConfigurator host)
    {
        if (Nodes.Length > 0)
        {
            host.UseCluster(cluster =>
            {
                foreach (var node in Nodes)
                {
                    cluster.Node(node);
                }
            });
        }
    }

    /// <summary>For a service's durable queues (its <c>_error</c> and <c>_skipped</c> queues follow them).</summary>
    internal void ApplyTo(IRabbitMqReceiveEndpointConfigurator endpoint)
    {
        if (QuorumReplicas > 0)
        {
            endpoint.SetQuorumQueue(QuorumReplicas);
        }
    }
}

[OptionsValidator]
public sealed partial class BrokerTopologyValidator : IValidateOptions<BrokerTopology>;
