using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace PartyGrid.ServiceDefaults.Keys;

/// <summary>Secrets a service keeps sealed under its key-encryption key: what <see cref="SealedSecretsRenewal"/> reseals after a rotation.</summary>
public interface ISealedSecrets
{
    /// <summary>Reseals under the current key every secret that opens only under a previous one; returns how many.</summary>
    Task<int> ResealAsync(KeyProtector protector, CancellationToken cancellationToken);
}

/// <summary>
/// A column of sealed secrets, each bound to its purpose and its row's id. A secret is replaced only
/// while the row still holds what was read, so an owner's concurrent change (a webhook secret rotated
/// meanwhile) is never overwritten, and replicas resealing at once each leave a valid value.
/// </summary>
/// <param name="purposeSql">The purpose the secrets were sealed for: a column of the table, or a quoted constant.</param>
public sealed class SealedColumn<TContext>(IServiceScopeFactory scopes, string table, string cipherColumn, string purposeSql) : ISealedSecrets
    where TContext : DbContext
{
    public async Task<int> ResealAsync(KeyProtector protector, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();

        // Table, column and purpose are the services' own constants, never input.
#pragma warning disable EF1002
        var rows = await db.Database.SqlQueryRaw<SealedRow>(
            $"""SELECT id::text AS "Id", {purposeSql} AS "Purpose", {cipherColumn} AS "Cipher" FROM {table} WHERE {cipherColumn} IS NOT NULL""")
            .ToListAsync(cancellationToken);
        var resealed = 0;
        foreach (var row in rows)
        {
            if (protector.Reseal(row.Purpose, row.Id, row.Cipher) is { } renewed)
            {
                resealed += await db.Database.ExecuteSqlRawAsync(
                    $"UPDATE {table} SET {cipherColumn} = @renewed WHERE id::text = @id AND {cipherColumn} = @read",
                    [new NpgsqlParameter("renewed", renewed), new NpgsqlParameter("id", row.Id), new NpgsqlParameter("read", row.Cipher)],
                    cancellationToken);
            }
        }
#pragma warning restore EF1002

        return resealed;
    }

    private sealed record SealedRow(string Id, string Purpose, byte[] Cipher);
}
