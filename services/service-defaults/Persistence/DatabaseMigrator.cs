using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using PartyGrid.ServiceDefaults.Hosting;

namespace PartyGrid.ServiceDefaults.Persistence;

/// <summary>
/// Applies pending migrations (creating the database on first run) before the service takes traffic.
/// It runs in <see cref="StartAsync"/> on purpose: hosted services start in order, so nothing else
/// (dispatcher, consumers, endpoints) touches a half-migrated schema. A server that is still starting
/// is waited for, briefly.
/// </summary>
public sealed partial class DatabaseMigrator<TContext>(IServiceScopeFactory scopes, TimeProvider time, ILogger<DatabaseMigrator<TContext>> logger) : IHostedService
    where TContext : DbContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan MigrationCommandTimeout = TimeSpan.FromMinutes(30);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var activity = Telemetry.Source.StartActivity($"migrate {typeof(TContext).Name}");
        var deadline = time.GetUtcNow() + Patience;
        while (true)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TContext>();

                // A migration may carry a data step over a large table (assessment sums its subtree totals once).
                db.Database.SetCommandTimeout(MigrationCommandTimeout);
                await db.Database.MigrateAsync(cancellationToken);
                if (db.Database.GetDbConnection() is NpgsqlConnection connection)
                {
                    // Extensions such as ltree were created by this migration; let the pool see their types.
                    await connection.OpenAsync(cancellationToken);
                    await connection.ReloadTypesAsync(cancellationToken);
                    await connection.CloseAsync();
                }

                LogMigrated(logger, typeof(TContext).Name);
                return;
            }
            catch (NpgsqlException ex) when (ex.IsTransient && time.GetUtcNow() < deadline)
            {
                LogWaiting(logger, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database of {Context} is migrated")]
    private static partial void LogMigrated(ILogger logger, string context);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database not reachable yet ({Reason}); waiting")]
    private static partial void LogWaiting(ILogger logger, string reason);
}
