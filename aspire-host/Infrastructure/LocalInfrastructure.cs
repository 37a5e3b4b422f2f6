using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartyGrid.AppHost.Backup;

namespace PartyGrid.AppHost.Infrastructure;

/// <summary>
/// PostgreSQL and RabbitMQ from the Debian packages, started by Aspire as executables through the
/// scripts in <c>infra/</c> (which handle running as root, first-time set-up, and stopping everything
/// they started). Fixed ports, not proxied, so the same server keeps its address across restarts.
/// No credential is fixed: the superuser, each service's database role and each service's broker user
/// get passwords generated for the data directory (<see cref="RunSecrets"/>), and a service can reach
/// only its own database.
/// </summary>
public static class LocalInfrastructure
{
    /// <summary>Every database of the app; each is also the name of the role that owns it.</summary>
    public static readonly string[] Databases = ["gateway", "identity", "organisations", "members", "tickets", "pairing", "assessment", "notifications"];

    /// <summary>Every process that talks to the broker, each as its own user.</summary>
    public static readonly string[] BrokerUsers = ["gateway", "identity", "organisations", "members", "tickets", "pairing", "assessment", "notifications"];

    /// <summary>The broker user of the AppHost itself (readiness) and of the tools beside it (tests, bench).</summary>
    public const string BrokerOperator = "partygrid-operator";

    private const string PostgresReadyCheck = "postgres-ready";

    /// <summary>Where a run keeps its servers' data and its secrets (<c>Infrastructure:DataDirectory</c>).</summary>
    public static string DataDirectory(IDistributedApplicationBuilder builder) => DataDirectoryGuard.Prepare(
        builder.Configuration["Infrastructure:DataDirectory"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(DataDirectoryGuard.DefaultBase, builder.Environment.EnvironmentName.ToLowerInvariant()));

    public static PartyGridInfrastructure Add(IDistributedApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var postgresPort = config.GetValue("Infrastructure:PostgresPort", 55432);
        var rabbitMqPort = config.GetValue("Infrastructure:RabbitMqPort", 55672);
        var dataDirectory = DataDirectory(builder);
        var scripts = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "infra"));
        var secrets = RunSecrets.Open(builder, dataDirectory);
        var superuser = secrets.Password("postgres-password");
        var roles = Databases.ToDictionary(d => d, d => secrets.Password($"{d}-db-password"));
        var brokerOperator = secrets.Password("rabbitmq-operator-password");
        var brokerUsers = BrokerUsers.ToDictionary(u => u, u => secrets.Password($"{u}-rabbitmq-password"));

        var postgresPortText = postgresPort.ToString(CultureInfo.InvariantCulture);
        var roleList = new ReferenceExpressionBuilder();
        foreach (var (database, password) in roles)
        {
            roleList.Append($"{database}:{password.Resource} ");
        }

        var postgres = builder.AddExecutable(
                "postgres", "bash", scripts, Path.Combine(scripts, "postgres.sh"), Path.Combine(dataDirectory, "postgres"), postgresPortText)
            .WithEnvironment("PARTYGRID_PG_PASSWORD", superuser)
            .WithEnvironment("PARTYGRID_PG_SERVICES", roleList.Build())
            .WithHealthCheck(PostgresReadyCheck)
            .WithBackupCommand(dataDirectory, postgresPort);

        var userList = new ReferenceExpressionBuilder();
        foreach (var (user, password) in brokerUsers)
        {
            userList.Append($"{user}:{password.Resource} ");
        }

        // The operator last: the readiness check signs in as it, so it passes once every user exists.
        userList.Append($"{BrokerOperator}:{brokerOperator.Resource}:administrator");
        var broker = BrokerNodes.Add(builder, scripts, dataDirectory, rabbitMqPort, config.GetValue("Infrastructure:RabbitMqNodes", 1), userList.Build());
        var rabbitMqPortText = rabbitMqPort.ToString(CultureInfo.InvariantCulture);

        // Ready once the last role is provisioned: the script creates them in order after the server is up.
        var lastDatabase = Databases[^1];
        var readiness = $"Host=127.0.0.1;Port={postgresPortText};Username={lastDatabase};Password={Value(config, $"{lastDatabase}-db-password")};Database={lastDatabase}";
        builder.Services.AddHealthChecks().AddNpgSql(readiness, name: PostgresReadyCheck);
        foreach (var node in broker.Nodes)
        {
            // A node is ready once the operator can sign in on it: for a joining node, once it has joined.
            var operatorUri = new Uri($"amqp://{BrokerOperator}:{Value(config, "rabbitmq-operator-password")}@127.0.0.1:{node.Port.ToString(CultureInfo.InvariantCulture)}/");
            var check = $"{node.Server.Resource.Name}-ready";
            builder.Services.AddHealthChecks().Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
                check, _ => new AmqpReadinessCheck(operatorUri), failureStatus: null, tags: null));
            node.Server.WithHealthCheck(check);
        }

        var rabbitMq = broker.AwaitedBy(builder.AddConnectionString(
                "rabbitmq", ReferenceExpression.Create($"amqp://{BrokerOperator}:{brokerOperator.Resource}@127.0.0.1:{rabbitMqPortText}/")));

        return new PartyGridInfrastructure(
            postgres,
            rabbitMq,
            service => builder.AddConnectionString(
                $"{service}-db",
                ReferenceExpression.Create(
                    $"Host=127.0.0.1;Port={postgresPortText};Username={service};Password={Role(roles, service).Resource};Database={service}")),
            service => broker.AwaitedBy(builder.AddConnectionString(
                    $"rabbitmq-{service}",
                    ReferenceExpression.Create($"amqp://{service}:{User(brokerUsers, service).Resource}@127.0.0.1:{rabbitMqPortText}/"))),
            broker.Topology);
    }

    private static string Value(IConfiguration config, string parameter) =>
        config[$"Parameters:{parameter}"] ?? throw new InvalidOperationException($"No value for {parameter}.");

    private static IResourceBuilder<ParameterResource> Role(Dictionary<string, IResourceBuilder<ParameterResource>> roles, string service) =>
        roles.TryGetValue(service, out var role) ? role : throw new InvalidOperationException($"{service} has no database in LocalInfrastructure.Databases.");

    private static IResourceBuilder<ParameterResource> User(Dictionary<string, IResourceBuilder<ParameterResource>> users, string service) =>
        users.TryGetValue(service, out var user) ? user : throw new InvalidOperationException($"{service} has no broker user in LocalInfrastructure.BrokerUsers.");
}
