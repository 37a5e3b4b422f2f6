using System.Globalization;
using Npgsql;
using RabbitMQ.Client;

namespace PartyGrid.Testing;

/// <summary>
/// The PostgreSQL server and RabbitMQ node tests talk to. The test command starts one of each for the
/// whole run and passes them in <c>PARTYGRID_TEST_POSTGRES</c> / <c>PARTYGRID_TEST_RABBITMQ</c>; a test
/// project run on its own (an IDE, <c>dotnet test</c> on one project) starts private ones instead,
/// stopped when the test process ends.
/// </summary>
public static class TestServers
{
    public const string PostgresVariable = "PARTYGRID_TEST_POSTGRES";
    public const string RabbitMqVariable = "PARTYGRID_TEST_RABBITMQ";

    private static readonly Lazy<Task<string>> PostgresServer = new(() => ResolvePostgresAsync());
    private static readonly Lazy<Task<Uri>> RabbitMqServer = new(() => ResolveRabbitMqAsync());
    private static readonly List<ServerProcess> Owned = [];

    static TestServers() =>
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var server in Owned)
            {
                server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        };

    /// <summary>Connection string of the server (no database), as the <c>postgres</c> superuser.</summary>
    public static Task<string> PostgresAsync() => PostgresServer.Value;

    public static Task<Uri> RabbitMqAsync() => RabbitMqServer.Value;

    /// <summary>A new, empty database for one test class, so tests never see each other's rows.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var server = await PostgresAsync();
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>Starts a RabbitMQ node of the test's own, for tests that stop and restart the broker.</summary>
    public static async Task<(ServerProcess Node, Uri Uri, Func<Task<ServerProcess>> Restart)> StartPrivateRabbitMqAsync()
    {
        var port = FreePorts.Block(3);
        var dir = PrivateDirectory("partygrid-rabbitmq-");
        var uri = new Uri($"amqp://guest:guest@127.0.0.1:{port}/");
        Func<Task<ServerProcess>> start = async () =>
        {
            var node = ServerProcess.Start("rabbitmq.sh", null, dir, port.ToString(CultureInfo.InvariantCulture));
            await WaitForRabbitMqAsync(uri, node);
            return node;
        };
        return (await start(), uri, start);
    }

    /// <summary>A temp directory the server's OS user (postgres, rabbitmq) can reach when tests run as root.</summary>
    public static string PrivateDirectory(string prefix)
    {
        var dir = Directory.CreateTempSubdirectory(prefix);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The test servers run on Linux.");
        }

        File.SetUnixFileMode(dir.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return dir.FullName;
    }

    private static async Task<string> ResolvePostgresAsync()
    {
        if (Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } given)
        {
            return given;
        }

        var port = FreePorts.Block();
        var dir = PrivateDirectory("partygrid-postgres-");
        const string password = "partygrid-test";
        var server = ServerProcess.Start(
            "postgres.sh",
            new Dictionary<string, string> { ["PARTYGRID_PG_PASSWORD"] = password, ["PARTYGRID_PG_DURABLE"] = "0" },
            Path.Combine(dir, "data"),
            port.ToString(CultureInfo.InvariantCulture));
        Owned.Add(server);
        var connection = $"Host=127.0.0.1;Port={port};Username=postgres;Password={password};Pooling=false";
        await Eventually.Until(
            async () =>
            {
                await using var c = new NpgsqlConnection(connection);
                await c.OpenAsync();
                return true;
            },
            ok => ok,
            TimeSpan.FromSeconds(60),
            "PostgreSQL accepting connections",
            server.RecentOutput);
        return connection.Replace(";Pooling=false", string.Empty, StringComparison.Ordinal);
    }

    private static async Task<Uri> ResolveRabbitMqAsync()
    {
        if (Environment.GetEnvironmentVariable(RabbitMqVariable) is { Length: > 0 } given)
        {
            return new Uri(given);
        }

        var (node, uri, _) = await StartPrivateRabbitMqAsync();
        Owned.Add(node);
        return uri;
    }

    public static async Task WaitForRabbitMqAsync(Uri uri, ServerProcess? node = null) =>
        await Eventually.Until(
            async () =>
            {
                if (node?.HasExited == true)
                {
                    throw new InvalidOperationException("The RabbitMQ node exited while starting.");
                }

                var factory = new ConnectionFactory { Uri = uri };
                await using var connection = await factory.CreateConnectionAsync();
                return true;
            },
            ok => ok,
            TimeSpan.FromSeconds(90),
            "RabbitMQ accepting AMQP connections",
            node is null ? null : node.RecentOutput);
}
