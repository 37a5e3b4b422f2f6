using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PartyGrid.Gateway;
using PartyGrid.ServiceDefaults.Identity;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.Gateway.Tests;

/// <summary>
/// The gateway on its own, with its database on the test PostgreSQL and every service address
/// pointing at a port nobody listens on. Whatever answer a request gets other than 502 was given
/// by the gateway itself; a 502 proves the gateway let the request through.
/// </summary>
public class GatewayHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string StaffOrigin = "https://staff.example.org";
    public const long BodyLimit = 4096;
    public static readonly Guid County = Guid.Parse("0196a2a0-0000-7000-8000-00000000c001");

    private readonly int deadPort = FreePorts.Block();
    private string connectionString = string.Empty;

    public string ConnectionString => connectionString;

    private Uri rabbitMq = null!;
    private string backend = string.Empty;

    public async Task InitializeAsync()
    {
        connectionString = await TestServers.CreateDatabaseAsync("gateway");
        rabbitMq = await TestServers.RabbitMqAsync();
        backend = await BackendAsync();
        _ = Server;

        // The county keys are issued for, in the gateway's organisation projection as if organisations had published it.
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var insert = new Npgsql.NpgsqlCommand(
            "INSERT INTO organisations (id, parent_id, path, code, name, tier, area, kind, status, version) VALUES (@id, NULL, @path::ltree, 'GW-C', '测试县', 'county', 'rural', 'committee', 'active', 1)",
            connection);
        insert.Parameters.AddWithValue("id", County);
        insert.Parameters.AddWithValue("path", County.ToString("N"));
        await insert.ExecuteNonQueryAsync();
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public static string Token(Guid org, params string[] roles) => TestTokens.Staff("gateway-test", org, roles);

    public HttpClient ClientWithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient ClientWithKey(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public HttpClient Admin() => ClientWithToken(Token(County, Roles.Admin));

    public async Task<CreatedKey> CreateKeyAsync(Guid org, string[] scopes, int? requestsPerMinute = null)
    {
        using var admin = Admin();
        using var response = await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "12345 hotline", orgId = org, scopes, requestsPerMinute });
        var body = await Json.ReadAsync(response, System.Net.HttpStatusCode.Created);
        return new CreatedKey(body.Id(), body.Text("key"));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in TestTokens.Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(TestTokens.UseTestKeys);
        builder.UseSetting("ConnectionStrings:gateway-db", connectionString);
        builder.UseSetting("ConnectionStrings:rabbitmq", rabbitMq.ToString());
        builder.UseSetting("Gateway:CorsOrigins:0", StaffOrigin);
        builder.UseSetting("Gateway:MaxRequestBodyBytes", BodyLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        foreach (var service in Backends.Services)
        {
            builder.UseSetting($"services:{service}:http:0", backend);
        }
    }

    public sealed record CreatedKey(Guid Id, string Key);

    /// <summary>Where every service is said to be: by default a port nobody listens on.</summary>
    protected virtual Task<string> BackendAsync() => Task.FromResult($"http://127.0.0.1:{deadPort}");

    /// <summary>
    /// Every test here calls from one address and many send bad credentials on purpose, so the shared
    /// gateway lets an address fail without limit; <see cref="DefaultEdgeGateway"/> keeps the default.
    /// </summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Gateway:FailedCredentialsPerMinute"] = "6000000",
    };
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayHost>
{
    public const string Name = "gateway";
}

/// <summary>The gateway with its default edge settings, for the tests of those defaults.</summary>
public sealed class DefaultEdgeGateway : GatewayHost
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();
}
