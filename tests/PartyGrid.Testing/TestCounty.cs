using Npgsql;

namespace PartyGrid.Testing;

/// <summary>
/// A small county written straight into a service's organisation projection (the rows
/// <c>OrganisationChanged</c> would leave): rural townships T1 (villages A, B; group G under A) and
/// T2 (village D), the urban street S (community U), and a dissolved village X under T2.
/// </summary>
public sealed class TestCounty
{
    public Guid C { get; } = Guid.CreateVersion7();

    public Guid T1 { get; } = Guid.CreateVersion7();

    public Guid T2 { get; } = Guid.CreateVersion7();

    public Guid S { get; } = Guid.CreateVersion7();

    public Guid A { get; } = Guid.CreateVersion7();

    public Guid B { get; } = Guid.CreateVersion7();

    public Guid D { get; } = Guid.CreateVersion7();

    public Guid U { get; } = Guid.CreateVersion7();

    public Guid X { get; } = Guid.CreateVersion7();

    public Guid G { get; } = Guid.CreateVersion7();

    public async Task ProjectInto(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var (id, parent, tier, area, status) in new (Guid, Guid?, string, string, string)[]
        {
            (C, null, "county", "rural", "active"),
            (T1, C, "township", "rural", "active"),
            (T2, C, "township", "rural", "active"),
            (S, C, "township", "urban", "active"),
            (A, T1, "village", "rural", "active"),
            (B, T1, "village", "rural", "active"),
            (D, T2, "village", "rural", "active"),
            (U, S, "village", "urban", "active"),
            (X, T2, "village", "rural", "dissolved"),
            (G, A, "group", "rural", "active"),
        })
        {
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO organisations (id, parent_id, path, code, name, tier, area, kind, status, version)
                VALUES (@id, @parent, (SELECT COALESCE((SELECT path::text || '.' FROM organisations WHERE id = @parent), '') || @label)::ltree,
                        @code, @code, @tier, @area, 'committee', @status, 1)
                """, connection);
            insert.Parameters.AddWithValue("id", id);
            insert.Parameters.AddWithValue("parent", (object?)parent ?? DBNull.Value);
            insert.Parameters.AddWithValue("label", id.ToString("N"));
            insert.Parameters.AddWithValue("code", id.ToString("N")[..12]);
            insert.Parameters.AddWithValue("tier", tier);
            insert.Parameters.AddWithValue("area", area);
            insert.Parameters.AddWithValue("status", status);
            await insert.ExecuteNonQueryAsync();
        }
    }
}
