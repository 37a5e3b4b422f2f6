using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PartyGrid.ServiceDefaults.Persistence;

public static class MigrationRun
{
    /// <summary>Set on a one-off run (a deployment's migration job): migrate the database, then exit, serving nothing.</summary>
    public const string MigrateOnlyKey = "Database:MigrateOnly";

    /// <summary>
    /// Runs the service — or, with <see cref="MigrateOnlyKey"/>, only its migrations: no endpoint, consumer or
    /// job starts, so a job can bring the schema forward before a rollout replaces the pods. Pods still
    /// migrate on start (a no-op then), so a run without the job is never left on an old schema.
    /// </summary>
    public static async Task RunServiceAsync(this WebApplication app)
    {
        if (!app.Configuration.GetValue(MigrateOnlyKey, false))
        {
            await app.RunAsync();
            return;
        }

        // A job stopped midway leaves its migration's transaction rolled back; the next run starts it again.
        foreach (var migration in app.Services.GetServices<IDatabaseMigration>())
        {
            await migration.MigrateAsync(CancellationToken.None);
        }
    }
}
