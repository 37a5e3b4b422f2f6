using Microsoft.Extensions.Configuration;
using Npgsql;

namespace PartyGrid.AppHost.Backup;

/// <summary>
/// Backup and restore for a local run: the dashboard's <b>Back up</b> command on PostgreSQL, and the
/// command line (<c>backup</c>, <c>restore</c> before the AppHost's own arguments).
/// </summary>
public static class BackupCommands
{
    public const string BackUp = "back-up";
    public const string PassphraseArgument = "passphrase";
    public const string PassphraseVariable = "PARTYGRID_BACKUP_PASSPHRASE";

    /// <summary>Where the dashboard's command writes: the run's own data directory, readable by root only.</summary>
    public static string BackupsOf(string dataDirectory) => Path.Combine(dataDirectory, "backups");

    public static IResourceBuilder<ExecutableResource> WithBackupCommand(this IResourceBuilder<ExecutableResource> postgres, string dataDirectory, int port) =>
        postgres.WithCommand(
            BackUp,
            "Back up",
            async context =>
            {
                var backups = OperatingSystem.IsWindows()
                    ? Directory.CreateDirectory(BackupsOf(dataDirectory)).FullName
                    : Directory.CreateDirectory(BackupsOf(dataDirectory), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute).FullName;
                var file = Path.Combine(backups, $"partygrid-{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}.pgbackup");
                try
                {
                    await LocalBackup.CreateAsync(dataDirectory, port, file, context.Arguments.GetString(PassphraseArgument) ?? string.Empty, context.CancellationToken);
                    return CommandResults.Success($"Backed up to {file}");
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or NpgsqlException or IOException)
                {
                    return CommandResults.Failure(ex.Message);
                }
            },
            new CommandOptions
            {
                Description = "Back up every service's database and the keys that make it readable, encrypted under a passphrase, into the run's data directory (backups/).",
                IconName = "Save",
                Arguments =
                [
                    new InteractionInput
                    {
                        Name = PassphraseArgument,
                        Label = "Passphrase",
                        Description = $"At least {EncryptedArchive.MinimumPassphraseLength} characters. Without it the backup cannot be restored; keep it apart from the backup.",
                        InputType = InputType.SecretText,
                        Required = true,
                    },
                ],
                UpdateState = context => context.ResourceSnapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy
                    ? ResourceCommandState.Enabled
                    : ResourceCommandState.Disabled,
            });

    /// <summary>
    /// <c>backup --out FILE</c> or <c>restore --from FILE --to DIRECTORY</c>, with the passphrase in
    /// <see cref="PassphraseVariable"/> (never on a command line, which every local user can read); the
    /// run's data directory and PostgreSQL port as the run takes them (<c>--Infrastructure:…</c>).
    /// </summary>
    public static async Task<int> RunAsync(string[] args, IDistributedApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var passphrase = Environment.GetEnvironmentVariable(PassphraseVariable);
        if (string.IsNullOrEmpty(passphrase))
        {
            await Console.Error.WriteLineAsync($"Set the passphrase in {PassphraseVariable}.");
            return 2;
        }

        try
        {
            if (args[0] == "backup" && config["out"] is { Length: > 0 } output)
            {
                var dataDirectory = Infrastructure.LocalInfrastructure.DataDirectory(builder);
                await LocalBackup.CreateAsync(dataDirectory, config.GetValue("Infrastructure:PostgresPort", 55432), Path.GetFullPath(output), passphrase, CancellationToken.None);
                Console.WriteLine($"Backed up {dataDirectory} to {Path.GetFullPath(output)}");
                return 0;
            }

            if (args[0] == "restore" && config["from"] is { Length: > 0 } from && config["to"] is { Length: > 0 } to)
            {
                var scripts = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "infra"));
                await LocalBackup.RestoreAsync(Path.GetFullPath(from), Path.GetFullPath(to), passphrase, scripts, CancellationToken.None);
                Console.WriteLine($"Restored {from} into {to}; run PartyGrid on it with --Infrastructure:DataDirectory={Path.GetFullPath(to)}");
                return 0;
            }
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or InvalidDataException or NpgsqlException or IOException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }

        await Console.Error.WriteLineAsync("usage: backup --out FILE | restore --from FILE --to NEW_DATA_DIRECTORY");
        return 2;
    }
}
