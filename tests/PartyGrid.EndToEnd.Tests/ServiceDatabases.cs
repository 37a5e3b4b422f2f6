using Npgsql;

namespace PartyGrid.EndToEnd.Tests;

/// <summary>Reads a service's own database directly, to check what its consumers did.</summary>
public sealed class ServiceDatabases(PartyGridApp app)
{
    public async Task<(string Name, long Version)?> ProjectedOrganisationAsync(string service, Guid id)
    {
        await using var connection = new NpgsqlConnection(await app.ConnectionStringAsync(service));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT name, version FROM organisations WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetString(0), reader.GetInt64(1)) : null;
    }

    public async Task<(string Path, long Version)?> ProjectedPathAsync(string service, Guid id)
    {
        await using var connection = new NpgsqlConnection(await app.ConnectionStringAsync(service));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT path::text, version FROM organisations WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetString(0), reader.GetInt64(1)) : null;
    }

    public async Task<string?> ProjectedStatusAsync(string service, Guid id)
    {
        await using var connection = new NpgsqlConnection(await app.ConnectionStringAsync(service));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT status FROM organisations WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        return (string?)await command.ExecuteScalarAsync();
    }

    public async Task<long> CountAsync(string service, string sql, Guid id)
    {
        await using var connection = new NpgsqlConnection(await app.ConnectionStringAsync(service));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The outbox rows of one aggregate's events (the payload's <c>id</c>), oldest first.</summary>
    public async Task<List<(Guid Id, DateTimeOffset? SentAt, int Attempts)>> OutboxAsync(string service, Guid aggregateId)
    {
        await using var connection = new NpgsqlConnection(await app.ConnectionStringAsync(service));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id, sent_at, attempts FROM outbox_messages WHERE payload->>'id' = @id ORDER BY id", connection);
        command.Parameters.AddWithValue("id", aggregateId.ToString());
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(Guid, DateTimeOffset?, int)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1), reader.GetInt32(2)));
        }

        return rows;
    }
}
