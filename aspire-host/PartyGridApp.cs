using Microsoft.Extensions.Configuration;
using PartyGrid.AppHost.Infrastructure;

namespace PartyGrid.AppHost;

/// <summary>The five services and the gateway, wired to the infrastructure and to each other.</summary>
public static class PartyGridApp
{
    public static void AddPartyGrid(this IDistributedApplicationBuilder builder, PartyGridInfrastructure infrastructure)
    {
        var environment = builder.Environment.EnvironmentName;

        IResourceBuilder<ProjectResource> Service<TProject>(string name)
            where TProject : IProjectMetadata, new() =>
            builder.AddProject<TProject>(name, o => o.ExcludeLaunchProfile = true)
                .WithHttpEndpoint()
                .WithEnvironment("ASPNETCORE_ENVIRONMENT", environment)
                .WithReference(infrastructure.Database(name))
                .WithReference(infrastructure.RabbitMq)
                .WaitFor(infrastructure.Postgres)
                .WaitFor(infrastructure.RabbitMq)
                .WithHttpHealthCheck("/health");

        var services = new[]
        {
            Service<Projects.PartyGrid_Organisations>("organisations"),
            Service<Projects.PartyGrid_Members>("members"),
            Service<Projects.PartyGrid_Tickets>("tickets"),
            Service<Projects.PartyGrid_Pairing>("pairing"),
            Service<Projects.PartyGrid_Assessment>("assessment"),
        };

        var gateway = builder.AddProject<Projects.PartyGrid_Gateway>("gateway", o => o.ExcludeLaunchProfile = true)
            .WithHttpEndpoint(port: builder.Configuration.GetValue("Gateway:Port", 5080))
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", environment)
            .WithHttpHealthCheck("/health")
            .WithExternalHttpEndpoints();
        foreach (var service in services)
        {
            gateway.WithReference(service).WaitFor(service);
        }
    }
}
