using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartyGrid.ServiceDefaults.Hosting;

namespace PartyGrid.ServiceDefaults.PersonalData;

/// <summary>A table holding protected values: its id column binds each value to its row.</summary>
public sealed record ProtectedTable(string Table, IReadOnlyList<ProtectedColumn> Columns);

/// <summary>One protected value of a row: its ciphertext column and the column of its lookup hash.</summary>
public sealed record ProtectedColumn(PersonalField Field, string CipherColumn, string LookupColumn);

/// <summary>
/// Re-encrypts, under today's keys, every stored value written under an older encryption or lookup key
/// (or in the first format, unbound to its row), a batch at a time; rows are claimed with
/// <c>SKIP LOCKED</c>, so replicas share the work. Once a run finds nothing, the previous keys can go.
/// </summary>
public sealed class PersonalDataRotation<TContext>(
    IServiceScopeFactory scopes,
    PersonalDataProtector protector,
    IReadOnlyList<ProtectedTable> tables,
    IOptions<PersonalDataOptions> options,
    TimeProvider time,
    ILogger<PersonalDataRotation<TContext>> logger) : PeriodicJob(time, logger)
    where TContext : DbContext
{
    private const int BatchSize = 200;

    protected override TimeSpan Interval => options.Value.RotationInterval;

    protected override string Work => "Personal-data re-encryption";

    protected override async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var moved = 0;
        foreach (var table in tables)
        {
            int batch;
            do
            {
                batch = await MoveBatchAsync(table, cancellationToken);
                moved += batch;
            }
            while (batch == BatchSize);
        }

        return moved;
    }

    private async Task<int> MoveBatchAsync(ProtectedTable table, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        var header = protector.CurrentHeader;

        // Names come from the service's own registration, never from a request.
        var ciphers = string.Join(", ", table.Columns.Select(c => c.CipherColumn));
        var stale = string.Join(" OR ", table.Columns.Select(c => $"substring({c.CipherColumn} from 1 for {header.Length}) <> @header"));
        var rows = new List<(Guid Id, byte[][] Values)>();
        await using (var select = Command(connection, transaction, $"SELECT id, {ciphers} FROM {table.Table} WHERE {stale} LIMIT {BatchSize} FOR UPDATE SKIP LOCKED"))
        {
            Parameter(select, "header", header);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetGuid(0), [.. table.Columns.Select((_, i) => (byte[])reader.GetValue(i + 1))]));
            }
        }

        var assignments = string.Join(", ", table.Columns.Select((c, i) => $"{c.CipherColumn} = @c{i}, {c.LookupColumn} = @l{i}"));
        foreach (var (id, values) in rows)
        {
            await using var update = Command(connection, transaction, $"UPDATE {table.Table} SET {assignments} WHERE id = @id");
            Parameter(update, "id", id);
            for (var i = 0; i < table.Columns.Count; i++)
            {
                var field = table.Columns[i].Field;
                var value = protector.Protect(field, id, protector.Decrypt(field, id, values[i]));
                Parameter(update, $"c{i}", value.Cipher);
                Parameter(update, $"l{i}", value.Lookup);
            }

            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return rows.Count;
    }

    private static DbCommand Command(DbConnection connection, IDbContextTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = sql;
        return command;
    }

    private static void Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
