using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Npgsql;
using PartyGrid.Assessment.Data;
using PartyGrid.Assessment.Scoring;

namespace PartyGrid.Bench;

/// <summary>
/// The fair baseline for intake: pgbench replaying the statements one accepted ticket costs the
/// database, on the same server and at the same concurrency as the intake rounds. The tickets side is
/// the intake transaction (two organisation reads, the number, the ticket, its handler, its first
/// timeline entry, its outbox row, and the dispatcher's mark on it); the assessment side is one
/// ticket's projection as a transaction of its own (inbox row, aggregate lock, stored row, the new row,
/// the organisation's counting lock, the subtree spread and the month row). Each runs in a clone of the
/// service's database (schema and organisations copied, no tickets), its rows copied from a ticket the
/// rounds took in, so the data have the same shapes. One ticket needs one of each, one after the other:
/// tickets per second = 1 / (1/intake + 1/projection).
/// </summary>
public static class FairBaseline
{
    public sealed record Result(PgbenchBaseline.Result Intake, PgbenchBaseline.Result Projection)
    {
        public double TicketsPerSecond => 1 / ((1 / Intake.TransactionsPerSecond) + (1 / Projection.TransactionsPerSecond));

        /// <summary>The machine's CPU for one ticket's statements replayed with nothing else running: a floor for PartyGrid's CPU per ticket unless it batches.</summary>
        public double CpuMsPerTicket => Intake.CpuMsPerTransaction + Projection.CpuMsPerTransaction;
    }

    /// <summary>The fair baseline alone, on a PartyGrid it starts itself, after a few tickets to copy from.</summary>
    public static async Task<string> ScenarioAsync()
    {
        await using var app = await BenchApp.StartAsync();
        using var admin = await app.AdminAsync();
        var tree = await BenchCounty.CreateAsync(admin, $"F{DateTime.UtcNow:MMddHHmmss}");
        using var staff = new HttpClient { BaseAddress = app.Gateway };
        staff.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await BenchHttp.TokenAsync(admin, tree.Township, "staff"));
        await BenchCounty.UntilTicketsTakenAtAsync(staff, tree);
        var since = DateTimeOffset.UtcNow;
        for (var i = 0; i < 20; i++)
        {
            (await staff.PostAsJsonAsync("/api/v1/tickets", BenchCounty.Ticket(tree.VillageFor(i), i))).EnsureSuccessStatusCode();
        }

        await ChangeToScorecard.CaughtUpAsync(await app.ConnectionStringAsync("tickets"), await app.ConnectionStringAsync("assessment"), since, TimeSpan.FromMinutes(5));
        var fair = await RunAsync(app, tree, TicketsScenario.Concurrency, 20);
        return $"""
            # Fair intake baseline — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.MachineName}

            pgbench, {fair.Intake.Clients} clients, {fair.Intake.Seconds} s each: intake transaction {fair.Intake.TransactionsPerSecond:N0} tps ({fair.Intake.LatencyMs:F2} ms; {fair.Intake.Cpu}),
            projection transaction {fair.Projection.TransactionsPerSecond:N0} tps ({fair.Projection.LatencyMs:F2} ms; {fair.Projection.Cpu}): {fair.TicketsPerSecond:N0} tickets/s, {fair.CpuMsPerTicket:F2} ms of CPU per ticket.

            """;
    }

    private const string Uuid = "lpad(to_hex(:{0}::bigint), 32, '0')::uuid";

    public static async Task<Result> RunAsync(BenchApp app, BenchCounty.Tree tree, int clients, int seconds)
    {
        var (serverConnection, port, password) = (app.ServerConnection, app.PostgresPort, BenchApp.PostgresPassword);
        var village = tree.Villages[0];
        var ticket = await ScalarAsync<Guid>(serverConnection, "tickets", $"SELECT id FROM tickets WHERE intake_organisation_id = '{village}' ORDER BY id LIMIT 1");
        var tools = new Tools(port, password);

        const string intakeDb = "bench_fair_tickets";
        await CloneAsync(serverConnection, tools, "tickets", intakeDb);
        await tools.CopyAsync("tickets", $"SELECT * FROM tickets WHERE id = '{ticket}'", intakeDb, "tickets");
        await tools.CopyAsync("tickets", $"SELECT * FROM ticket_handlers WHERE ticket_id = '{ticket}' LIMIT 1", intakeDb, "ticket_handlers");
        await tools.CopyAsync("tickets", $"SELECT * FROM ticket_timeline WHERE ticket_id = '{ticket}' ORDER BY at LIMIT 1", intakeDb, "ticket_timeline");
        await tools.CopyAsync("tickets", $"SELECT * FROM outbox_messages WHERE event_name = 'ticket-changed' AND payload::text LIKE '%{ticket}%' ORDER BY id LIMIT 1", intakeDb, "outbox_messages");
        var organisationRead = $"SELECT o.id, o.area, o.code, o.kind, o.name, o.parent_id, o.path, o.status, o.tier, o.version FROM organisations AS o WHERE o.id = '{{0}}' LIMIT 1;";
        var intake = await PgbenchBaseline.RunScriptAsync(port, password, intakeDb, string.Join('\n',
        [
            Variables("t", "l", "o"),
            "BEGIN;",
            string.Format(CultureInfo.InvariantCulture, organisationRead, village),
            string.Format(CultureInfo.InvariantCulture, organisationRead, tree.Township),
            "SELECT nextval('ticket_number');",
            await CopyStatementAsync(serverConnection, intakeDb, "tickets", new() { ["id"] = Id("t"), ["number"] = "'B' || :t" }),
            await CopyStatementAsync(serverConnection, intakeDb, "ticket_handlers", new() { ["ticket_id"] = Id("t") }),
            await CopyStatementAsync(serverConnection, intakeDb, "ticket_timeline", new() { ["id"] = Id("l"), ["ticket_id"] = Id("t") }),
            await CopyStatementAsync(serverConnection, intakeDb, "outbox_messages", new() { ["id"] = Id("o"), ["sent_at"] = "NULL", ["attempts"] = "0" }),
            $"UPDATE outbox_messages SET attempts = 1, sent_at = now() WHERE id = {Id("o")};",
            "COMMIT;",
        ]) + "\n", clients, seconds);

        const string projectionDb = "bench_fair_assessment";
        await CloneAsync(serverConnection, tools, "assessment", projectionDb);
        await tools.CopyAsync("assessment", $"SELECT * FROM assessed_tickets WHERE id = '{ticket}'", projectionDb, "assessed_tickets");
        var period = AssessmentPeriod.Of(DateTimeOffset.UtcNow).ToString();
        var parameters = new Dictionary<string, string>
        {
            ["@periods"] = $"ARRAY['{period}']",
            ["@orgs"] = $"ARRAY['{village}'::uuid]",
            ["@shard"] = ":s",
        };
        foreach (var (counter, i) in Counters.Events.Select((c, i) => (c, i)))
        {
            parameters[$"@e{i}"] = counter == Counter.Submitted ? "ARRAY[1]" : "ARRAY[0]";
        }

        foreach (var (counter, i) in Counters.All.Select((c, i) => (c, i)))
        {
            parameters[$"@c{i}"] = counter == Counter.Submitted ? "ARRAY[1]" : "ARRAY[0]";
        }

        var projection = await PgbenchBaseline.RunScriptAsync(port, password, projectionDb, string.Join('\n',
        [
            Variables("m", "t"),
            $"\\set s random(0, {SubtreeTotals.Shards - 1})",
            "BEGIN;",
            $"INSERT INTO inbox_messages (message_id, consumer, received_at) VALUES ({Id("m")}, 'ticket-projection', now()) ON CONFLICT DO NOTHING;",
            "SELECT pg_advisory_xact_lock(1, (:t % 2147483647)::int);",
            $"SELECT * FROM assessed_tickets WHERE id = {Id("t")} FOR UPDATE;",
            await CopyStatementAsync(serverConnection, projectionDb, "assessed_tickets", new() { ["id"] = Id("t") }),
            $"SELECT count(pg_advisory_xact_lock_shared(k)) FROM unnest(ARRAY[{AdvisoryKey.Of(village)}]::bigint[]) AS k;",
            OneLine(Bind(SubtreeTotals.SpreadSql, parameters)) + ";",
            OneLine(Bind(CountsSql.Upsert, parameters)) + ";",
            "COMMIT;",
        ]) + "\n", clients, seconds);
        return new Result(intake, projection);
    }

    private static string Id(string variable) => string.Format(CultureInfo.InvariantCulture, Uuid, variable);

    private static string Variables(params string[] names) =>
        string.Join('\n', names.Select(n => $"\\set {n} random(1, 9223372036854775806)"));

    // pgbench reads a statement per line unless it ends with a semicolon; the service's SQL spans lines.
    private static string OneLine(string sql) => string.Join(' ', sql.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    private static string Bind(string sql, Dictionary<string, string> parameters) =>
        parameters.OrderByDescending(p => p.Key.Length).Aggregate(sql, (text, p) => text.Replace(p.Key, p.Value, StringComparison.Ordinal));

    /// <summary>INSERT … SELECT of the copied row, with the columns that must differ per transaction replaced.</summary>
    private static async Task<string> CopyStatementAsync(string serverConnection, string database, string table, Dictionary<string, string> replaced)
    {
        var columns = new List<string>();
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(serverConnection) { Database = database }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = @t AND is_identity = 'NO' AND is_generated = 'NEVER' ORDER BY ordinal_position", connection);
            command.Parameters.AddWithValue("t", table);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
            }
        }

        var values = columns.Select(c => replaced.TryGetValue(c, out var value) ? value : $"\"{c}\"");
        return $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) SELECT {string.Join(", ", values)} FROM template_{table};";
    }

    /// <summary>A database of the same schema as the service's, with its organisations and an empty template table per copied table.</summary>
    private static async Task CloneAsync(string serverConnection, Tools tools, string source, string clone)
    {
        await ExecuteAsync(serverConnection, "postgres", $"DROP DATABASE IF EXISTS {clone} WITH (FORCE)");
        await ExecuteAsync(serverConnection, "postgres", $"CREATE DATABASE {clone}");
        await tools.PipeAsync($"{tools.PgDump} --schema-only --no-owner --no-privileges -d {source} | {tools.Psql} -d {clone}");
        await tools.PipeAsync($"{tools.PgDump} --data-only -t organisations -d {source} | {tools.Psql} -d {clone}");
        var tables = source == "tickets" ? new[] { "tickets", "ticket_handlers", "ticket_timeline", "outbox_messages" } : ["assessed_tickets"];
        foreach (var table in tables)
        {
            await ExecuteAsync(serverConnection, clone, $"CREATE TABLE template_{table} (LIKE {table})");
        }
    }

    private static async Task ExecuteAsync(string serverConnection, string database, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(serverConnection) { Database = database }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(string serverConnection, string database, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(serverConnection) { Database = database }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"Nothing found: {sql}"));
    }

    private sealed class Tools(int port, string password)
    {
        private string Connection => $"-h 127.0.0.1 -p {port.ToString(CultureInfo.InvariantCulture)} -U postgres";

        public string PgDump => $"{PgbenchBaseline.Tool("pg_dump")} {Connection}";

        public string Psql => $"{PgbenchBaseline.Tool("psql")} {Connection} -q -v ON_ERROR_STOP=1";

        /// <summary>Copies the rows a query selects in one database into the template table of another.</summary>
        public Task CopyAsync(string source, string select, string clone, string table) =>
            PipeAsync($"{Psql} -d {source} -c \"\\copy ({select.Replace("\"", "\\\"", StringComparison.Ordinal)}) TO STDOUT\" | {Psql} -d {clone} -c \"\\copy template_{table} FROM STDIN\"");

        public async Task PipeAsync(string pipeline)
        {
            var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, Environment = { ["PGPASSWORD"] = password } };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add($"set -o pipefail; {pipeline}");
            using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = await process.StandardError.ReadToEndAsync();
            await output;
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{pipeline} failed ({process.ExitCode}): {errors}");
            }
        }
    }
}
