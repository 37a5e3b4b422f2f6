using System.Net.Http.Json;
using System.Text.Json;
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
    private readonly TestCounty county = new();

    public Guid C => county.C;

    public Guid T1 => county.T1;

    public Guid T2 => county.T2;

    public Guid S => county.S;

    public Guid A => county.A;

    public Guid B => county.B;

    public Guid D => county.D;

    public Guid U => county.U;

    public Guid X => county.X;

    public ServiceHost<Program> Host { get; private set; } = null!;

    public DateOnly Today => ChinaTime.Today(Host.Time);

    private int serial;

    public async Task InitializeAsync()
    {
        Host = await ServiceHost<Program>.StartAsync(MembersServiceExtensions.ServiceName);
        await county.ProjectInto(Host.ConnectionString);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public HttpClient As(Guid homeOrg, params string[] roles) => Host.ClientAs(homeOrg, roles);

    public HttpClient Admin() => Host.ClientAs(C, "admin");

    /// <summary>A client for lookups: a subject of its own (each caller has its own lookup allowance) stating a reason.</summary>
    public HttpClient Looker(Guid homeOrg, params string[] roles)
    {
        var client = Host.ClientFor($"looker-{Guid.NewGuid():N}", homeOrg, roles);
        client.DefaultRequestHeaders.Add("X-Reason", Uri.EscapeDataString("核对党员身份"));
        return client;
    }

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
