using Microsoft.Extensions.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PartyGrid.ServiceDefaults.Messaging;

namespace PartyGrid.ServiceDefaults.Persistence;

public static class DatabaseSetup
{
    /// <summary>
    /// The service's own PostgreSQL database: pooled contexts with snake_case names, Npgsql tracing,
    /// metrics and a readiness check, and migrations applied at start-up before anything else runs.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(this IHostApplicationBuilder builder, string connectionName)
        where TContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not configured.");

        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddDbContextPool<TContext>((services, options) => options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(services.GetRequiredService<OutboxSignal>()));

        // Retries are off: services use explicit transactions (outbox, inbox), which a retrying
        // execution strategy refuses; failed requests are retried by their callers instead.
        builder.EnrichNpgsqlDbContext<TContext>(settings => settings.DisableRetry = true);

        builder.Services.AddHostedService<DatabaseMigrator<TContext>>();
        return builder;
    }
}
