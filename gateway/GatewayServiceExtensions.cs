using PartyGrid.ServiceDefaults.Identity;

namespace PartyGrid.Gateway;

public static class GatewayServiceExtensions
{
    public static IHostApplicationBuilder AddGatewayServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddReverseProxy()
            .LoadFromMemory(ProxyConfiguration.Routes(), ProxyConfiguration.Clusters())
            .AddServiceDiscoveryDestinationResolver();

        builder.Services.AddSingleton<TokenIssuer>();

        var health = builder.Services.AddHealthChecks();
        foreach (var service in Backends.Services)
        {
            health.Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
                service,
                sp => new ServiceReadinessCheck(sp.GetRequiredService<IHttpClientFactory>(), service),
                failureStatus: null,
                tags: ["services"]));
        }

        builder.Services.AddHttpClient(ServiceReadinessCheck.ClientName, c => c.Timeout = TimeSpan.FromSeconds(5));
        return builder;
    }
}
