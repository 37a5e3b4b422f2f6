using System.Diagnostics;
using System.Formats.Tar;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Npgsql;
using PartyGrid.AppHost.Infrastructure;

namespace PartyGrid.AppHost.Backup;

/// <summary>
/// A local run's backup: every service's database (<c>pg_dump</c> of the running server) and the run's
/// secrets — the personal-data keys and the key-encryption keys without which the data cannot be read,
/// and the passwords of its roles — in one file encrypted under a passphrase (<see cref="EncryptedArchive"/>);
/// and the restore of such a file into a fresh data directory, which a run then starts on.
/// </summary>
/// <remarks>
/// The databases are dumped one after another, so an event may be in its producer's dump as sent and
/// missing from a consumer dumped before it arrived. A restore therefore marks every event sent since
/// the backup began (and a margin) as unsent: the outboxes send them again, and consumers' inboxes
/// drop those they had already handled. RabbitMQ is not backed up: it holds nothing the outboxes lack.
/// </remarks>
public static class LocalBackup
{
    private const string SecretsFile = "secrets.json";
    private const string ManifestFile = "backup.json";
    private static readonly TimeSpan ResendMargin = TimeSpan.FromMinutes(5);

    public sealed record Manifest(int Format, DateTimeOffset StartedAt, string[] Databases);

    public static async Task CreateAsync(string dataDirectory, int postgresPort, string output, string passphrase, CancellationToken cancellationToken)
    {
        EncryptedArchive.RequireStrong(passphrase);
        var secrets = ReadSecrets(Path.Combine(dataDirectory, SecretsFile));
        var superuser = Secret(secrets, "postgres-password");
        var work = PrivateDirectory();
        try
        {
            var content = Directory.CreateDirectory(Path.Combine(work, "content")).FullName;
            Directory.CreateDirectory(Path.Combine(content, "databases"));
            DateTimeOffset startedAt;
            await using (var connection = await OpenAsync(postgresPort, "postgres", "postgres", superuser, cancellationToken))
            await using (var now = new NpgsqlCommand("SELECT now()", connection))
            {
                startedAt = (DateTime)(await now.ExecuteScalarAsync(cancellationToken))!;
            }

            foreach (var database in LocalInfrastructure.Databases)
            {
                await RunAsync(
                    PostgresTool("pg_dump"),
                    ["-h", "127.0.0.1", "-p", Text(postgresPort), "-U", "postgres", "-d", database, "-Fc", "-f", Path.Combine(content, "databases", $"{database}.dump")],
                    superuser,
                    cancellationToken);
            }

            File.Copy(Path.Combine(dataDirectory, SecretsFile), Path.Combine(content, SecretsFile));
            await File.WriteAllTextAsync(
                Path.Combine(content, ManifestFile), JsonSerializer.Serialize(new Manifest(1, startedAt, LocalInfrastructure.Databases)), cancellationToken);

            var archive = Path.Combine(work, "backup.tar");
            await TarFile.CreateFromDirectoryAsync(content, archive, includeBaseDirectory: false, cancellationToken);
            var partial = output + ".partial";
            await using (var plain = File.OpenRead(archive))
            await using (var encrypted = PrivateFile(partial))
            {
                await EncryptedArchive.EncryptAsync(plain, encrypted, passphrase, cancellationToken);
            }

            File.Move(partial, output, overwrite: true);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Restores <paramref name="backup"/> into <paramref name="dataDirectory"/>, which must be new or empty.</summary>
    public static async Task RestoreAsync(string backup, string dataDirectory, string passphrase, string scripts, CancellationToken cancellationToken)
    {
        if (Directory.Exists(dataDirectory) && Directory.EnumerateFileSystemEntries(dataDirectory).Any())
        {
            throw new InvalidOperationException($"{dataDirectory} is not empty: a backup is restored only into a fresh data directory.");
        }

        var work = PrivateDirectory();
        try
        {
            var archive = Path.Combine(work, "backup.tar");
            await using (var encrypted = File.OpenRead(backup))
            await using (var plain = File.Create(archive))
            {
                await EncryptedArchive.DecryptAsync(encrypted, plain, passphrase, cancellationToken);
            }

            var content = Directory.CreateDirectory(Path.Combine(work, "content")).FullName;
            await TarFile.ExtractToDirectoryAsync(archive, content, overwriteFiles: false, cancellationToken);
            var manifest = JsonSerializer.Deserialize<Manifest>(await File.ReadAllTextAsync(Path.Combine(content, ManifestFile), cancellationToken))
                ?? throw new InvalidDataException("The backup has no manifest.");
            var secrets = ReadSecrets(Path.Combine(content, SecretsFile));

            var target = DataDirectoryGuard.Prepare(dataDirectory);
            await using (var restored = PrivateFile(Path.Combine(target, SecretsFile)))
            await using (var original = File.OpenRead(Path.Combine(content, SecretsFile)))
            {
                await original.CopyToAsync(restored, cancellationToken);
            }

            var superuser = Secret(secrets, "postgres-password");
            var port = FreePort();
            using var server = StartPostgres(scripts, Path.Combine(target, "postgres"), port, superuser, manifest.Databases.Select(d => $"{d}:{Secret(secrets, $"{d}-db-password")}"));
            try
            {
                // Provisioned once the last role can sign in to its own database (the script makes them in order).
                var last = manifest.Databases[^1];
                await WaitForAsync(server, () => OpenAsync(port, last, last, Secret(secrets, $"{last}-db-password"), cancellationToken), cancellationToken);
                foreach (var database in manifest.Databases)
                {
                    await RunAsync(
                        PostgresTool("pg_restore"),
                        ["-h", "127.0.0.1", "-p", Text(port), "-U", "postgres", "-d", database, "--exit-on-error", Path.Combine(content, "databases", $"{database}.dump")],
                        superuser,
                        cancellationToken);
                    await ResendSinceAsync(port, database, superuser, manifest.StartedAt - ResendMargin, cancellationToken);
                }
            }
            finally
            {
                await StopAsync(server);
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task ResendSinceAsync(int port, string database, string superuser, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(port, database, "postgres", superuser, cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('public.outbox_messages') IS NOT NULL", connection);
        if ((bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
        {
            await using var resend = new NpgsqlCommand("UPDATE outbox_messages SET sent_at = NULL WHERE sent_at >= @since", connection);
            resend.Parameters.AddWithValue("since", since);
            await resend.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static Dictionary<string, string> ReadSecrets(string file) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file))
        ?? throw new InvalidDataException($"{file} holds no secrets.");

    private static string Secret(Dictionary<string, string> secrets, string name) =>
        secrets.TryGetValue(name, out var value) ? value : throw new InvalidDataException($"The run's secrets have no {name}.");

    private static async Task<NpgsqlConnection> OpenAsync(int port, string database, string user, string password, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = port, Database = database, Username = user, Password = password, Pooling = false,
        }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static Process StartPostgres(string scripts, string directory, int port, string superuser, IEnumerable<string> roles)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(scripts, "postgres.sh"), directory, Text(port)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["PARTYGRID_PG_PASSWORD"] = superuser, ["PARTYGRID_PG_SERVICES"] = string.Join(' ', roles) },
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("PostgreSQL could not be started.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForAsync(Process server, Func<Task<NpgsqlConnection>> open, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            try
            {
                await using var connection = await open();
                return;
            }
            catch (NpgsqlException) when (!server.HasExited && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
        }
    }

    private static async Task StopAsync(Process server)
    {
        if (!server.HasExited)
        {
            // The script turns TERM into PostgreSQL's fast shutdown.
            using var term = Process.Start("kill", ["-TERM", Text(server.Id)]);
            await term.WaitForExitAsync();
        }

        await server.WaitForExitAsync();
    }

    private static async Task RunAsync(string tool, string[] arguments, string password, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool, arguments) { RedirectStandardError = true, Environment = { ["PGPASSWORD"] = password } };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} could not be started.");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(tool)} {string.Join(' ', arguments.Where(a => !a.StartsWith('/')))} failed: {await errors}");
        }
    }

    /// <summary>The newest PostgreSQL's own tool: a dump must be read by a pg_restore at least as new as the server.</summary>
    private static string PostgresTool(string name) =>
        Directory.GetDirectories("/usr/lib/postgresql")
            .OrderBy(d => int.TryParse(Path.GetFileName(d), CultureInfo.InvariantCulture, out var major) ? major : 0)
            .Select(d => Path.Combine(d, "bin", name))
            .LastOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{name} is not installed (infra/install-prerequisites.sh installs PostgreSQL).");

    /// <summary>A new file only its owner can read: it holds keys, or everything.</summary>
    private static FileStream PrivateFile(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
    }

    private static string PrivateDirectory() =>
        Directory.CreateTempSubdirectory("partygrid-backup-").FullName;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
