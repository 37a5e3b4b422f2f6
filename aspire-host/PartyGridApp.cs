using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartyGrid.AppHost.Infrastructure;

namespace PartyGrid.AppHost;

/// <summary>The five services and the gateway, wired to the infrastructure and to each other.</summary>
public static class PartyGridApp
{
    public const string DemoCommand = "load-demo-county";

    public static void AddPartyGrid(this IDistributedApplicationBuilder builder, PartyGridInfrastructure infrastructure)
    {
        var environment = builder.Environment.EnvironmentName;

        // One key signs and checks every token of the run: the gateway's, partner identities, the dashboard's commands.
        var signingKey = builder.AddParameter("auth-signing-key", new GenerateParameterDefault { MinLength = 48, Special = false }, secret: true);

        IResourceBuilder<ProjectResource> Service<TProject>(string name)
            where TProject : IProjectMetadata, new() =>
            builder.AddProject<TProject>(name, o => o.ExcludeLaunchProfile = true)
                .WithHttpEndpoint()
                .WithEnvironment("ASPNETCORE_ENVIRONMENT", environment)
                .WithEnvironment("Auth__SigningKey", signingKey)
                .WithReference(infrastructure.Database(name))
                .WithReference(infrastructure.RabbitMq)
                .WaitFor(infrastructure.Postgres)
                .WaitFor(infrastructure.RabbitMq)
                .WithHttpHealthCheck("/health");

        IResourceBuilder<ProjectResource> Republishing(IResourceBuilder<ProjectResource> service, string prefix) =>
            service.WithAdminCommand(
                signingKey, "republish-snapshots", $"/api/v1/{prefix}/snapshots/republish", "Republish snapshots",
                "Publish the current snapshot of every aggregate again, for consumers rebuilding their projections.", "ArrowSync");

        var services = new[]
        {
            Republishing(Service<Projects.PartyGrid_Organisations>("organisations"), "organisations"),
            Republishing(Service<Projects.PartyGrid_Members>("members"), "members"),
            Republishing(Service<Projects.PartyGrid_Tickets>("tickets"), "tickets"),
            Republishing(Service<Projects.PartyGrid_Pairing>("pairing"), "pairings"),
            Service<Projects.PartyGrid_Assessment>("assessment").WithAdminCommand(
                signingKey, "rebuild-projections", "/api/v1/assessments/rebuild", "Rebuild projections",
                "Drop assessment's projections and running counts and rebuild them from every service's snapshots.", "DatabaseArrowUp"),
        };

        var gateway = builder.AddProject<Projects.PartyGrid_Gateway>("gateway", o => o.ExcludeLaunchProfile = true)
            .WithHttpEndpoint(port: builder.Configuration.GetValue("Gateway:Port", 5080))
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", environment)
            .WithEnvironment("Auth__SigningKey", signingKey)
            .WithReference(infrastructure.Database("gateway"))
            .WaitFor(infrastructure.Postgres)
            .WithHttpHealthCheck("/health")
            .WithExternalHttpEndpoints();

        // The demo county, loaded through the gateway once everything is up (idempotent: the resource's
        // Start command in the dashboard loads it again and changes nothing). Tests start it themselves.
        var demo = builder.AddProject<Projects.PartyGrid_DemoData>("demo-data", o => o.ExcludeLaunchProfile = true)
            .WithEnvironment("DOTNET_ENVIRONMENT", environment)
            .WithEnvironment("Auth__SigningKey", signingKey)
            .WithReference(gateway)
            .WaitFor(gateway);
        if (!builder.Configuration.GetValue("Demo:LoadOnStart", true))
        {
            demo.WithExplicitStart();
        }

        gateway.WithCommand(
            DemoCommand, "Load demo county",
            async context => await context.Services.GetRequiredService<ResourceCommandService>()
                .ExecuteCommandAsync(demo.Resource, KnownResourceCommands.StartCommand, context.CancellationToken),
            new CommandOptions
            {
                Description = "Load the demo county (遵义县) through the public API; loading it again changes nothing.",
                IconName = "DatabasePlugConnected",
                UpdateState = context => context.ResourceSnapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy
                    ? ResourceCommandState.Enabled
                    : ResourceCommandState.Disabled,
            });

        // The gateway's edge settings (quotas, body sizes, staff-client origins) come from the AppHost's
        // "Gateway:Settings" section, so a run or a test can tune them without touching the gateway.
        foreach (var (key, value) in builder.Configuration.GetSection("Gateway:Settings").AsEnumerable(makePathsRelative: true))
        {
            if (value is not null)
            {
                gateway.WithEnvironment($"Gateway__{key.Replace(":", "__", StringComparison.Ordinal)}", value);
            }
        }

        foreach (var service in services)
        {
            gateway.WithReference(service).WaitFor(service);
        }
    }
}
