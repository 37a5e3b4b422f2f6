using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PartyGrid.Gateway;

/// <summary>The gateway is ready only when the service behind it says it is (its database and broker).</summary>
public sealed class ServiceReadinessCheck(IHttpClientFactory clients, string service) : IHealthCheck
{
    public const string ClientName = "readiness";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await clients.CreateClient(ClientName).GetAsync(new Uri($"http://{service}/health"), cancellationToken);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{service} answered {(int)response.StatusCode}");
        }
        catch (HttpRequestException ex)
        {
            return HealthCheckResult.Unhealthy($"{service} is unreachable", ex);
        }
    }
}
