using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PartyGrid.AppHost.Infrastructure;

/// <summary>
/// PostgreSQL and RabbitMQ from the Debian packages, started by Aspire as executables through the
/// scripts in <c>infra/</c> (which handle running as root, first-time set-up, and stopping everything
/// they started). Fixed ports, not proxied, so the same server keeps its address across restarts.
/// </summary>
public static class LocalInfrastructure
{
    private const string PostgresReadyCheck = "postgres-ready";
    private const string RabbitMqReadyCheck = "rabbitmq-ready";

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
        var passwordValue = config["Parameters:postgres-password"] is { Length: > 0 } p ? p : "partygrid-local";
        var password = builder.AddParameter("postgres-password", passwordValue, secret: true);

        var postgresPortText = postgresPort.ToString(CultureInfo.InvariantCulture);
        var postgres = builder.AddExecutable(
                "postgres", "bash", scripts, Path.Combine(scripts, "postgres.sh"), Path.Combine(dataDirectory, "postgres"), postgresPortText)
            .WithEnvironment("PARTYGRID_PG_PASSWORD", password)
            .WithHealthCheck(PostgresReadyCheck);

        var rabbitMqPortText = rabbitMqPort.ToString(CultureInfo.InvariantCulture);
        var rabbitMqServer = builder.AddExecutable(
                "rabbitmq-server", "bash", scripts, Path.Combine(scripts, "rabbitmq.sh"), Path.Combine(dataDirectory, "rabbitmq"), rabbitMqPortText)
            .WithHealthCheck(RabbitMqReadyCheck);

        var serverConnection = $"Host=127.0.0.1;Port={postgresPortText};Username=postgres;Password={passwordValue}";
        var amqpUri = new Uri($"amqp://guest:guest@127.0.0.1:{rabbitMqPortText}/");
        builder.Services.AddHealthChecks()
            .AddNpgSql(serverConnection, name: PostgresReadyCheck)
            .Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
                RabbitMqReadyCheck, _ => new AmqpReadinessCheck(amqpUri), failureStatus: null, tags: null));

        var rabbitMq = builder.AddConnectionString("rabbitmq", ReferenceExpression.Create($"{amqpUri.ToString()}"))
            .WaitFor(rabbitMqServer);

        return new PartyGridInfrastructure(
            postgres,
            rabbitMq,
            service => builder.AddConnectionString(
                $"{service}-db",
                ReferenceExpression.Create($"Host=127.0.0.1;Port={postgresPortText};Username=postgres;Password={password.Resource};Database={service}")));
    }
}
