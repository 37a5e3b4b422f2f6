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
public sealed partial class DatabaseMigrator<TContext>(IServiceScopeFactory scopes, TimeProvider time, ILogger<DatabaseMigrator<TContext>> logger) : IHostedService, IDatabaseMigration
    where TContext : DbContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan MigrationCommandTimeout = TimeSpan.FromMinutes(30);

    // Any fixed key: each service has a database of its own, and an advisory lock is per database.
    private const long MigrationLock = 0x5047_4d49_4752_4154; // "PGMIGRAT"

    public Task StartAsync(CancellationToken cancellationToken) => MigrateAsync(cancellationToken);

    public async Task MigrateAsync(CancellationToken cancellationToken)
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
                await MigrateAloneAsync(db, cancellationToken);
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

    /// <summary>
    /// Replicas start together: one migrates while the others wait on a session lock, then find nothing
    /// left to do (EF's own lock did not keep two first starts from creating the same tables). A database
    /// that does not exist yet is created by the migration, which nobody can be racing on a lock of it.
    /// </summary>
    private static async Task MigrateAloneAsync(TContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            await db.Database.MigrateAsync(cancellationToken);
            return;
        }

        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({MigrationLock})", cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            // A pooled connection is reset only when next used: the lock is let go of here, not on close.
            try
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({MigrationLock})", CancellationToken.None);
            }
            catch (NpgsqlException)
            {
                // The session is gone (the server restarted), and its lock with it; the first error is the one to see.
            }

            await db.Database.CloseConnectionAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database of {Context} is migrated")]
    private static partial void LogMigrated(ILogger logger, string context);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database not reachable yet ({Reason}); waiting")]
    private static partial void LogWaiting(ILogger logger, string reason);
}
