using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PartyGrid.Testing;
using PartyGrid.Tickets.Data;

namespace PartyGrid.Tickets.Tests;

/// <summary>
/// The run a deployment's migration job makes (<c>Database:MigrateOnly</c>): the service's own process
/// brings an empty database to its newest migration and exits, starting nothing else — its broker is
/// unreachable here, and a service that started its bus or its web server would never exit.
/// </summary>
public sealed class MigrateOnlyTests
{
    [Fact]
    public async Task A_migrate_only_run_applies_every_migration_and_exits_without_serving()
    {
        var database = await TestServers.CreateDatabaseAsync("tickets");
        var service = new ProcessStartInfo("dotnet", [typeof(TicketsDbContext).Assembly.Location])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["Database__MigrateOnly"] = "true",
                ["ConnectionStrings__tickets-db"] = database,
                ["ConnectionStrings__rabbitmq"] = "amqp://127.0.0.1:1/",
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePorts.Block()}",
            },
        };

        using var process = Process.Start(service)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(patience.Token);

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{await output}\n{await errors}");
        await using var db = new TicketsDbContext(new DbContextOptionsBuilder<TicketsDbContext>()
            .UseNpgsql(database, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history")).UseSnakeCaseNamingConvention().Options);
        var applied = await db.Database.GetAppliedMigrationsAsync();
        Assert.NotEmpty(applied);
        Assert.Equal(db.Database.GetMigrations(), applied);
    }
}
