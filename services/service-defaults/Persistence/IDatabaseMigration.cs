namespace PartyGrid.ServiceDefaults.Persistence;

/// <summary>Brings a service's database to its newest migration (on start, or alone: <see cref="MigrationRun"/>).</summary>
public interface IDatabaseMigration
{
    Task MigrateAsync(CancellationToken cancellationToken);
}
