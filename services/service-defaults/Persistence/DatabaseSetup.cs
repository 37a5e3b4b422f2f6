using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
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
        var connectionString = new NpgsqlConnectionStringBuilder(builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not configured."))
        {
            // No service keeps session state on a pooled connection (advisory locks and settings are
            // all transaction-scoped), so a returned connection need not be reset with DISCARD ALL,
            // which also threw away its prepared statements: four per ticket in the bench's intake.
            NoResetOnClose = true,

            // The same few statements run on every request and event; prepared once per connection,
            // PostgreSQL stops parsing and planning them each time.
            MaxAutoPrepare = 64,
        }.ConnectionString;

        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddDbContextPool<TContext>((services, options) => options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(services.GetRequiredService<OutboxSignal>())

            // A refused save is usually expected (a unique index answering a duplicate with a 409, a
            // lost race): EF's own error lines (the failed command, the failed save) would paint the
            // dashboard red for a caller's mistake. A command or save that fails unexpectedly still
            // surfaces as the exception it throws, logged by whoever meets it (the 500 handler, the
            // job's run, the consumer's retry and error queue).
            .ConfigureWarnings(w => w.Log(
                (CoreEventId.SaveChangesFailed, LogLevel.Information),
                (RelationalEventId.CommandError, LogLevel.Information))));

        // Retries are off: services use explicit transactions (outbox, inbox), which a retrying
        // execution strategy refuses; failed requests are retried by their callers instead.
        builder.EnrichNpgsqlDbContext<TContext>(settings => settings.DisableRetry = true);

        builder.Services.AddSingleton<DatabaseMigrator<TContext>>();
        builder.Services.AddSingleton<IDatabaseMigration>(services => services.GetRequiredService<DatabaseMigrator<TContext>>());
        builder.Services.AddHostedService(services => services.GetRequiredService<DatabaseMigrator<TContext>>());
        return builder;
    }
}
