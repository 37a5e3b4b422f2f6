using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartyGrid.AppHost.Infrastructure;

namespace PartyGrid.AppHost;

/// <summary>The identity service, the domain services, notifications and the gateway, wired to the infrastructure and to each other.</summary>
public static class PartyGridApp
{
    public const string DemoCommand = "load-demo-county";
    public const string DashboardClient = "partygrid-dashboard";
    public const string DemoClient = "partygrid-demo";

    public static void AddPartyGrid(this IDistributedApplicationBuilder builder, PartyGridInfrastructure infrastructure)
    {
        var environment = builder.Environment.EnvironmentName;
        var gatewayPort = builder.Configuration.GetValue("Gateway:Port", 5080);
        var developmentTokens = builder.Configuration.GetValue("Auth:DevelopmentTokens", false);
        var replicas = builder.Configuration.GetValue("Scale:Replicas", 1);

        var secrets = RunSecrets.Open(builder, LocalInfrastructure.DataDirectory(builder));
        var personalDataKey = secrets.Key("personal-data-encryption-key");
        var personalLookupKey = secrets.Key("personal-data-lookup-key");
        var identityKeys = secrets.Key("identity-key-encryption-key");
        var gatewayKeys = secrets.Key("gateway-key-encryption-key");
        var notificationKeys = secrets.Key("notifications-key-encryption-key");
        var dashboardSecret = secrets.Password("dashboard-client-secret");

        // The gateway's replicas share the one public port: only DCP's proxy in front of a project's replicas
        // can do that here, so the gateway is the one process Aspire starts with dotnet run.
        var gateway = builder.AddProject<Projects.PartyGrid_Gateway>("gateway", o => o.ExcludeLaunchProfile = true)
            .WithReplicas(replicas)
            .WithHttpEndpoint(port: gatewayPort)
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", environment)
            .WithEnvironment("Keys__KeyEncryptionKey", gatewayKeys)
            .WithEnvironment("Gateway__ConsoleRoot", Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "web", "console", "dist")))
            .WithSettings(builder.Configuration, "Auth:Settings", "Auth")
            .WithReference(infrastructure.Database("gateway"))
            .WaitFor(infrastructure.Postgres)
            .WithHttpHealthCheck("/health")
            .WithExternalHttpEndpoints()
            .ConnectedToBroker(infrastructure, "gateway");

        // The issuer is the public address the browser meets identity at: the gateway's.
        var publicUrl = gateway.GetEndpoint("http");
        var issuer = ReferenceExpression.Create($"{publicUrl}/");

        var identity = ServiceReplicas.Add<Projects.PartyGrid_Identity>(builder, "identity", replicas).Each(replica => replica
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", environment)
            .WithEnvironment("Auth__Issuer", issuer)
            .WithEnvironment("Auth__DevelopmentTokens", developmentTokens ? "true" : "false")
            .WithEnvironment("Keys__KeyEncryptionKey", identityKeys)
            .WithEnvironment("Identity__ConsoleRedirectUris__0", ReferenceExpression.Create($"{publicUrl}/callback"))
            .WithEnvironment("Identity__ConsoleRedirectUris__1", "http://localhost:5173/callback")
            .WithEnvironment("Identity__ConsolePostLogoutRedirectUris__0", ReferenceExpression.Create($"{publicUrl}/"))
            .WithEnvironment("Identity__ConsolePostLogoutRedirectUris__1", "http://localhost:5173/")
            .WithOperatorClient(DashboardClient, "Aspire 控制台操作员", dashboardSecret, "admin")
            .WithSettings(builder.Configuration, "Identity:Settings", "Identity")
            .WithSettings(builder.Configuration, "Identity:Keys", "Keys")
            .WithReference(infrastructure.Database("identity"))
            .WaitFor(infrastructure.Postgres)
            .WithHttpHealthCheck("/health")
            .ConnectedToBroker(infrastructure, "identity"));

        // Services fetch the staff signing keys from the first replica: they are the same in every one (the database's).
        var staffKeys = ReferenceExpression.Create($"{identity.First.GetEndpoint("http")}/.well-known/jwks");
        gateway
            .WithEnvironment("Auth__Issuer", issuer)
            .WithEnvironment("Auth__StaffKeys", staffKeys)
            .WithReference(identity);
        var token = new OperatorToken(identity.First.GetEndpoint("http"), DashboardClient, dashboardSecret);

        ServiceReplicas Service<TProject>(string name)
            where TProject : IProjectMetadata, new() =>
            ServiceReplicas.Add<TProject>(builder, name, replicas).Each(replica => replica
                .WithEnvironment("ASPNETCORE_ENVIRONMENT", environment)
                .WithEnvironment("Auth__Issuer", issuer)
                .WithEnvironment("Auth__StaffKeys", staffKeys)
                .WithEnvironment("Auth__PartnerKeys", ReferenceExpression.Create($"{gateway.GetEndpoint("http")}/.well-known/partner-jwks"))
                .WithSettings(builder.Configuration, "Auth:Settings", "Auth")
                .WithReference(infrastructure.Database(name))
                .WaitFor(infrastructure.Postgres)
                .WaitFor(identity.First)
                .WithHttpHealthCheck("/health")
                .ConnectedToBroker(infrastructure, name));

        ServiceReplicas WithPersonalData(ServiceReplicas service) =>
            service.Each(replica => replica.WithEnvironment("PersonalData__EncryptionKey", personalDataKey).WithEnvironment("PersonalData__LookupKey", personalLookupKey));

        ServiceReplicas Republishing(ServiceReplicas service, string prefix) =>
            service.Each(replica => replica.WithAdminCommand(
                token, "republish-snapshots", $"/api/v1/{prefix}/snapshots/republish", "Republish snapshots",
                "Publish the current snapshot of every aggregate again, for consumers rebuilding their projections.", "ArrowSync"));

        // "Run now" for each service's periodic job: the same run its timer makes, at once.
        ServiceReplicas RunningNow(ServiceReplicas service, string prefix, string job, string displayName, string description) =>
            service.Each(replica => replica.WithAdminCommand(token, $"run-{job}", $"/api/v1/{prefix}/jobs/{job}/run", displayName, description, "Play"));

        ServiceReplicas RotatingPersonalData(ServiceReplicas service, string prefix) =>
            RunningNow(service, prefix, "personal-data-rotation", "Re-encrypt personal data now",
                "Re-encrypt the personal data still under a previous key, as the periodic run does after a key change.");

        RunningNow(identity, "signing-keys", "key-rotation", "Rotate keys now",
            "Publish, activate and forget signing and encryption keys that are due, as the periodic run does.");

        var services = new[]
        {
            RunningNow(
                Republishing(Service<Projects.PartyGrid_Organisations>("organisations"), "organisations"), "organisations", "term-reminders",
                "Run term reminders now", "Announce the terms that expire soon, as the daily run does."),
            RotatingPersonalData(RunningNow(
                Republishing(WithPersonalData(Service<Projects.PartyGrid_Members>("members")), "members"), "members", "transfer-expiry",
                "Expire transfers now", "Expire the transfers past their validity, as the periodic run does."), "members"),
            RotatingPersonalData(RunningNow(
                Republishing(WithPersonalData(Service<Projects.PartyGrid_Tickets>("tickets")), "tickets"), "tickets", "ticket-clock",
                "Run the ticket clock now", "Warn, escalate, supervise and auto-close the tickets that are due, as the clock's periodic run does."), "tickets"),
            Republishing(Service<Projects.PartyGrid_Pairing>("pairing"), "pairings"),
            Service<Projects.PartyGrid_Assessment>("assessment").Each(replica => replica.WithAdminCommand(
                token, "rebuild-projections", "/api/v1/assessments/rebuild", "Rebuild projections",
                "Drop assessment's projections and running counts and rebuild them from every service's snapshots.", "DatabaseArrowUp")),

            // Webhook signing secrets are sealed under its own key; "Webhooks" (e.g. AllowPrivateTargets
            // for a local run or a test receiving on 127.0.0.1) passes through as it is.
            Service<Projects.PartyGrid_Notifications>("notifications").Each(replica => replica
                .WithEnvironment("Keys__KeyEncryptionKey", notificationKeys)
                .WithEnvironment("Webhooks__PublicUrl", publicUrl)
                .WithSettings(builder.Configuration, "Webhooks", "Webhooks")),
        };

        // The demo county and its accounts exist only where the demo is asked for (the run command sets
        // Demo:Enabled): anywhere else there is no demo loader, no demo client with admin rights, no command.
        if (builder.Configuration.GetValue("Demo:Enabled", false))
        {
            AddDemo(builder, gateway, identity, environment, secrets);
        }

        // The gateway's edge settings (quotas, body sizes, staff-client origins) come from the AppHost's
        // "Gateway:Settings" section, so a run or a test can tune them without touching the gateway.
        gateway.WithSettings(builder.Configuration, "Gateway:Settings", "Gateway");
        foreach (var service in services)
        {
            gateway.WithReference(service);
        }

        // Telemetry settings for every process, e.g. Telemetry:TraceSampleRatio=0.1 in production-like
        // runs; the run command sets none, so the dashboard sees every trace.
        gateway.WithSettings(builder.Configuration, "Telemetry", "Telemetry");
        foreach (var service in services.Append(identity))
        {
            service.Each(replica => replica.WithSettings(builder.Configuration, "Telemetry", "Telemetry"));
        }
    }

    /// <summary>Passes an AppHost configuration section on to a resource as environment variables under another section name.</summary>
    private static IResourceBuilder<T> WithSettings<T>(
        this IResourceBuilder<T> resource, IConfiguration configuration, string from, string to)
        where T : IResourceWithEnvironment
    {
        foreach (var (key, value) in configuration.GetSection(from).AsEnumerable(makePathsRelative: true))
        {
            if (value is not null)
            {
                resource.WithEnvironment($"{to}__{key.Replace(":", "__", StringComparison.Ordinal)}", value);
            }
        }

        return resource;
    }

    private static IResourceBuilder<BuiltProject> WithOperatorClient(
        this IResourceBuilder<BuiltProject> identity, string clientId, string displayName, IResourceBuilder<ParameterResource> secret, params string[] roles)
    {
        identity.WithEnvironment($"Identity__OperatorClients__{clientId}__Secret", secret)
            .WithEnvironment($"Identity__OperatorClients__{clientId}__DisplayName", displayName);
        for (var i = 0; i < roles.Length; i++)
        {
            identity.WithEnvironment($"Identity__OperatorClients__{clientId}__Roles__{i}", roles[i]);
        }

        return identity;
    }

    /// <summary>
    /// The demo county, loaded through the gateway once everything is up (idempotent: the resource's
    /// Start command in the dashboard loads it again and changes nothing). Tests start it themselves.
    /// </summary>
    private static void AddDemo(
        IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> gateway, ServiceReplicas identity, string environment, RunSecrets secrets)
    {
        var demoSecret = secrets.Password("demo-client-secret");
        var demoPassword = secrets.Password("demo-password");
        identity.Each(replica => replica.WithOperatorClient(DemoClient, "演示数据", demoSecret, "admin"));
        var demo = builder.AddBuiltProject<Projects.PartyGrid_DemoData>("demo-data")
            .WithEnvironment("DOTNET_ENVIRONMENT", environment)
            .WithEnvironment("Demo__ClientId", DemoClient)
            .WithEnvironment("Demo__ClientSecret", demoSecret)
            .WithEnvironment("Demo__Password", demoPassword)
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
                Description = "Load the demo county (遵义县) and its demo accounts through the public API; loading it again changes nothing.",
                IconName = "DatabasePlugConnected",
                UpdateState = context => context.ResourceSnapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy
                    ? ResourceCommandState.Enabled
                    : ResourceCommandState.Disabled,
            });
    }

}
