using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.ServiceDiscovery;

namespace PartyGrid.Gateway;

/// <summary>
/// The gateway is ready for a service when a replica of it says it is (its database and broker): every
/// replica service discovery lists is asked in turn, so one replica down does not make the gateway unready.
/// </summary>
public sealed class ServiceReadinessCheck(IHttpClientFactory clients, ServiceEndpointResolver replicas, string service) : IHealthCheck
{
    public const string ClientName = "readiness";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var source = await replicas.GetEndpointsAsync($"http://{service}", cancellationToken);
        var client = clients.CreateClient(ClientName);
        var answers = new List<string>();
        foreach (var replica in source.Endpoints.Select(e => Address(e.EndPoint)))
        {
            try
            {
                using var response = await client.GetAsync(new Uri(replica, "/health"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return HealthCheckResult.Healthy();
                }

                answers.Add($"{replica} answered {(int)response.StatusCode}");
            }
            catch (HttpRequestException ex)
            {
                answers.Add($"{replica} is unreachable ({ex.HttpRequestError})");
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                answers.Add($"{replica} did not answer in time");
            }
        }

        return HealthCheckResult.Unhealthy(answers.Count == 0 ? $"{service} has no replica" : $"{service}: {string.Join("; ", answers)}");
    }

    private static Uri Address(EndPoint endpoint) => endpoint switch
    {
        UriEndPoint uri => uri.Uri,
        DnsEndPoint dns => new Uri($"http://{dns.Host}:{dns.Port}"),
        IPEndPoint ip => new Uri($"http://{ip}"),
        _ => new Uri($"http://{endpoint}"),
    };
}
