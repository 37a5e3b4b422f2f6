using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace PartyGrid.Bench;

/// <summary>
/// The machine's limit for one durable write per request: <c>pgbench</c> running single-row INSERT
/// transactions (a ticket-sized JSON row, its own commit each) on the same PostgreSQL server, with as
/// many clients as the intake scenario.
/// </summary>
public static partial class PgbenchBaseline
{
    /// <param name="CoresBusy">CPU seconds per second the whole machine ran while pgbench did (pgbench itself included).</param>
    public sealed record Result(double TransactionsPerSecond, double LatencyMs, int Clients, int Seconds, double CoresBusy)
    {
        /// <summary>The whole machine's CPU per transaction: what this SQL costs here with no application around it.</summary>
        public double CpuMsPerTransaction => CoresBusy * 1000 / TransactionsPerSecond;

        public string Cpu => string.Create(CultureInfo.InvariantCulture, $"{CpuMsPerTransaction:F2} ms of CPU each, {CoresBusy:F2} cores busy");
    }

    public static async Task<Result> RunAsync(string serverConnection, int port, string password, int clients, int seconds)
    {
        await using (var connection = new NpgsqlConnection(serverConnection))
        {
            await connection.OpenAsync();
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = 'bench_baseline'", connection);
            if (await exists.ExecuteScalarAsync() is null)
            {
                await using var create = new NpgsqlCommand("CREATE DATABASE bench_baseline", connection);
                await create.ExecuteNonQueryAsync();
            }
        }

        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(serverConnection) { Database = "bench_baseline" }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var table = new NpgsqlCommand(
                "DROP TABLE IF EXISTS intake; CREATE TABLE intake (id bigserial PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now(), body jsonb NOT NULL)",
                connection);
            await table.ExecuteNonQueryAsync();
        }

        return await RunScriptAsync(port, password, "bench_baseline",
            """INSERT INTO intake (body) VALUES ('{"category":"consultation","item":"policy-advice","title":"政策咨询","description":"咨询城乡居民医保缴费标准及缴费渠道","channel":"walk-in","requester":"ciphertext-of-a-phone-number"}');""" + "\n",
            clients, seconds);
    }

    /// <summary>Runs a custom pgbench script against a database of the bench's server: transactions per second and their mean latency.</summary>
    public static async Task<Result> RunScriptAsync(int port, string password, string database, string scriptText, int clients, int seconds)
    {
        var script = Path.GetTempFileName();
        await File.WriteAllTextAsync(script, scriptText);
        try
        {
            var start = new ProcessStartInfo(Tool("pgbench"))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment = { ["PGPASSWORD"] = password },
            };
            foreach (var arg in new[]
            {
                "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-n", "-f", script,
                "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
                "-T", seconds.ToString(CultureInfo.InvariantCulture), database,
            })
            {
                start.ArgumentList.Add(arg);
            }

            var busyBefore = ProcessCpu.MachineSeconds().Busy;
            var started = Stopwatch.GetTimestamp();
            using var process = Process.Start(start) ?? throw new InvalidOperationException("pgbench did not start.");
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var coresBusy = (ProcessCpu.MachineSeconds().Busy - busyBefore) / Stopwatch.GetElapsedTime(started).TotalSeconds;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"pgbench failed ({process.ExitCode}): {errors}");
            }

            return new Result(Number(Tps(), await output), Number(LatencyAverage(), await output), clients, seconds, coresBusy);
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>A client program of the newest PostgreSQL installed (pgbench, pg_dump, psql).</summary>
    public static string Tool(string name) =>
        Path.Combine(Directory.GetDirectories("/usr/lib/postgresql").OrderBy(d => d, StringComparer.Ordinal).Last(), "bin", name);

    private static double Number(Regex pattern, string output) =>
        double.Parse(pattern.Match(output) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException($"pgbench said: {output}"), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"tps = ([0-9.]+)")]
    private static partial Regex Tps();

    [GeneratedRegex(@"latency average = ([0-9.]+) ms")]
    private static partial Regex LatencyAverage();
}
