using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using PartyGrid.Members;
using PartyGrid.ServiceDefaults.Hosting;
using PartyGrid.Testing;

namespace PartyGrid.Members.Tests;

/// <summary>
/// The members service in process on real PostgreSQL and RabbitMQ, with a small county in its
/// organisation projection: rural townships T1 (villages A, B) and T2 (village D), the urban street
/// S (community U), and a dissolved village X under T2.
/// </summary>
public sealed class MembersService : IAsyncLifetime
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

    public ServiceHost<Program> Host { get; private set; } = null!;

    public DateOnly Today => ChinaTime.Today(Host.Time);

    private int serial;

    public async Task InitializeAsync()
    {
        Host = await ServiceHost<Program>.StartAsync(MembersServiceExtensions.ServiceName);
        await using var connection = new NpgsqlConnection(Host.ConnectionString);
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

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public HttpClient As(Guid homeOrg, params string[] roles) => Host.ClientAs(homeOrg, roles);

    public HttpClient Admin() => Host.ClientAs(C, "admin");

    /// <summary>A new member's registration body with a fresh identity number.</summary>
    public (object Body, string IdNumber, string Phone) NewMember(Guid orgId, string status = "full", string name = "李四")
    {
        var n = Interlocked.Increment(ref serial);
        var birth = new DateOnly(1970, 1, 1).AddDays(n * 37);
        var idNumber = IdNumbers.For(birth, male: true, serial: n);
        var phone = $"139{n:D8}";
        return (new
        {
            orgId, name, gender = "male", birthDate = birth, idNumber, phone, joinedOn = new DateOnly(2001, 7, 1), status,
            skills = new[] { "legal" }, ethnicity = "苗族", education = "bachelor",
        }, idNumber, phone);
    }

    /// <summary>Registers a member as admin and returns their JSON.</summary>
    public async Task<JsonElement> RegisterAsync(Guid orgId, string status = "full")
    {
        using var response = await Admin().PostAsJsonAsync("/api/v1/members", NewMember(orgId, status).Body);
        return await Json.ReadAsync(response, System.Net.HttpStatusCode.Created);
    }
}

[CollectionDefinition(Name)]
public sealed class MembersServiceCollection : ICollectionFixture<MembersService>
{
    public const string Name = "members service";
}

internal static class Json
{
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, System.Net.HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Guid Id(this JsonElement element) => element.GetProperty("id").GetGuid();

    public static string Text(this JsonElement element, string property) => element.GetProperty(property).GetString()!;
}
