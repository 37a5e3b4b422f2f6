using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;

namespace PartyGrid.Gateway;

/// <summary>YARP routes and clusters built from <see cref="Backends"/>; destinations resolve through service discovery.</summary>
public static class ProxyConfiguration
{
    public const string AuthenticatedPolicy = "default";
    public const string AnonymousPolicy = "anonymous";
    public const string PartnerFamilyKey = "partner-family";

    public static IReadOnlyList<RouteConfig> Routes()
    {
        var routes = new List<RouteConfig>();
        foreach (var (service, prefixes) in Backends.PathsByService)
        {
            foreach (var prefix in prefixes)
            {
                routes.Add(new RouteConfig
                {
                    RouteId = $"{service}-{prefix}",
                    ClusterId = service,
                    AuthorizationPolicy = AuthenticatedPolicy,
                    Match = new RouteMatch { Path = $"/api/v1/{prefix}/{{**rest}}" },
                    Metadata = Backends.PartnerFamilyByPrefix.TryGetValue(prefix, out var family)
                        ? new Dictionary<string, string> { [PartnerFamilyKey] = family }
                        : null,
                });
            }

            routes.Add(new RouteConfig
            {
                RouteId = $"{service}-openapi",
                ClusterId = service,
                AuthorizationPolicy = AnonymousPolicy,
                Match = new RouteMatch { Path = $"/openapi/{service}.json" },
                Transforms = [new Dictionary<string, string> { ["PathSet"] = "/openapi/v1.json" }],
            });
        }

        foreach (var (service, path) in Backends.AnonymousPaths)
        {
            routes.Add(new RouteConfig
            {
                RouteId = $"{service}-{path}",
                ClusterId = service,
                AuthorizationPolicy = AnonymousPolicy,
                Match = new RouteMatch { Path = path },
            });
        }

        return routes;
    }

    public static IReadOnlyList<ClusterConfig> Clusters(TimeSpan backendTimeout) =>
        Backends.Services.Select(service => new ClusterConfig
        {
            ClusterId = service,
            HttpRequest = new ForwarderRequestConfig { ActivityTimeout = backendTimeout },

            // A service may run as several replicas (service discovery lists them all): one whose process is
            // gone stops getting requests after two missed probes. The probe asks whether the process lives
            // (/alive), not whether its database answers (/health), so an outage of PostgreSQL does not
            // take every replica out of the gateway at once.
            HealthCheck = new HealthCheckConfig
            {
                Active = new ActiveHealthCheckConfig
                {
                    Enabled = true,
                    Interval = TimeSpan.FromSeconds(5),
                    Timeout = TimeSpan.FromSeconds(5),
                    Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
                    Path = "/alive",
                },
            },
            Destinations = new Dictionary<string, DestinationConfig>
            {
                [service] = new() { Address = $"http://{service}" },
            },
        }).ToList();
}
