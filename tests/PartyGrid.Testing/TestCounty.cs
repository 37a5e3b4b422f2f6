using Npgsql;
using PartyGrid.Contracts;

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

    private IEnumerable<(Guid Id, Guid? Parent, string Tier, string Area, string Status)> Rows =>
    [
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
    ];

    /// <summary>The county as the organisations service publishes it, for services that project it from events.</summary>
    public IReadOnlyList<OrganisationChanged> Changes()
    {
        var paths = new Dictionary<Guid, string>();
        var changes = new List<OrganisationChanged>();
        foreach (var (id, parent, tier, area, status) in Rows)
        {
            var path = paths[id] = (parent is { } p ? paths[p] + "." : string.Empty) + id.ToString("N");
            changes.Add(new OrganisationChanged(
                id, parent, path, Code(id), Code(id), WireName.Parse<OrganisationTier>(tier), WireName.Parse<Area>(area),
                OrganisationKind.Committee, WireName.Parse<OrganisationStatus>(status), 1));
        }

        return changes;
    }

    /// <summary>A member of <paramref name="organisationId"/> in a service's member projection, as if members had published it.</summary>
    public static async Task<Guid> ProjectMemberAsync(string connectionString, Guid organisationId, string status = "full")
    {
        var id = Guid.CreateVersion7();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand(
            "INSERT INTO projected_members (id, organisation_id, status, version) VALUES (@id, @org, @status, 1)", connection);
        insert.Parameters.AddWithValue("id", id);
        insert.Parameters.AddWithValue("org", organisationId);
        insert.Parameters.AddWithValue("status", status);
        await insert.ExecuteNonQueryAsync();
        return id;
    }

    /// <summary>A service team of <paramref name="organisationId"/>, as if members had announced it.</summary>
    public static async Task<Guid> ProjectServiceTeamAsync(string connectionString, Guid organisationId)
    {
        var id = Guid.CreateVersion7();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand(
            "INSERT INTO projected_service_teams (id, organisation_id, name, version) VALUES (@id, @org, '党员先锋服务队', 1)", connection);
        insert.Parameters.AddWithValue("id", id);
        insert.Parameters.AddWithValue("org", organisationId);
        await insert.ExecuteNonQueryAsync();
        return id;
    }

    public async Task ProjectInto(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var (id, parent, tier, area, status) in Rows)
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
            insert.Parameters.AddWithValue("code", Code(id));
            insert.Parameters.AddWithValue("tier", tier);
            insert.Parameters.AddWithValue("area", area);
            insert.Parameters.AddWithValue("status", status);
            await insert.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The code an organisation of the county is registered under: the random end of its id (the start is a timestamp).</summary>
    public static string Code(Guid id) => id.ToString("N")[^12..];
}
