using System.Globalization;
using System.Text;
using Npgsql;

namespace PartyGrid.Bench;

/// <summary>
/// Where PostgreSQL's time went during a phase, from <c>pg_stat_statements</c> (loaded by
/// <c>infra/postgres.sh</c>): reset before the phase, the costliest statements of every database
/// after it, per unit of work (per ticket for the intake rounds).
/// </summary>
public static class PostgresStatements
{
    public static async Task ResetAsync(string serverConnection)
    {
        await using var connection = new NpgsqlConnection(serverConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset();", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A markdown table of the <paramref name="top"/> statements by total execution time, divided by <paramref name="units"/>.</summary>
    public static async Task<string> TopAsync(string serverConnection, int top, int units)
    {
        await using var connection = new NpgsqlConnection(serverConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT d.datname, s.calls, s.total_exec_time, s.rows, s.query,
                   sum(s.total_exec_time) OVER () AS all_time, sum(s.calls) OVER () AS all_calls
            FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
            WHERE d.datname NOT IN ('postgres', 'bench_baseline')
            ORDER BY s.total_exec_time DESC
            LIMIT @top
            """, connection);
        command.Parameters.AddWithValue("top", top);
        var rows = new StringBuilder();
        double allTime = 0;
        decimal allCalls = 0;
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                allTime = reader.GetDouble(5);
                allCalls = reader.GetDecimal(6);
                var query = string.Join(' ', reader.GetString(4).Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
                query = (query.Length > 140 ? query[..140] + " …" : query).Replace("|", "\\|", StringComparison.Ordinal);
                rows.AppendLine(CultureInfo.InvariantCulture,
                    $"| {reader.GetString(0)} | {(double)reader.GetInt64(1) / units:F2} | {reader.GetDouble(2) / units:F3} | `{query}` |");
            }
        }

        return $"""
            All statements: {(double)allCalls / units:F1} per ticket, {allTime / units:F2} ms of execution per ticket (includes waiting for locks and disk).

            | database | calls per ticket | ms per ticket | statement |
            |---|---|---|---|
            {rows}
            """;
    }
}
