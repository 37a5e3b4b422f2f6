using System.Net.Http.Json;
using System.Text.Json;
using PartyGrid.Testing;

namespace PartyGrid.Identity.Tests;

/// <summary>
/// The identity service in process on real PostgreSQL and RabbitMQ, its clock under the test's
/// control, with the test county in its organisation projection: townships T1 (villages A, B) and T2
/// (village D, dissolved village X).
/// </summary>
public sealed class IdentityService : IAsyncLifetime
{
    public const string Password = "Qiye-Fuwu-2026!";

    public TestCounty County { get; } = new();

    public ServiceHost<Program> Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await ServiceHost<Program>.StartAsync(IdentityServiceExtensions.ServiceName);
        await County.ProjectInto(Host.ConnectionString);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public HttpClient As(Guid homeOrg, params string[] roles) => Host.ClientAs(homeOrg, roles);

    public HttpClient Admin() => Host.ClientAs(County.C, "admin");

    /// <summary>Creates an account as admin and returns its JSON.</summary>
    public async Task<JsonElement> CreateAsync(Guid homeOrg, params string[] roles)
    {
        using var admin = Admin();
        using var response = await admin.PostAsJsonAsync("/api/v1/staff", new
        {
            userName = $"t-{Guid.NewGuid():N}"[..16], displayName = "测试", homeOrganisationId = homeOrg, roles, initialPassword = Password,
        });
        return (await Json.ReadAsync(response, System.Net.HttpStatusCode.Created)).GetProperty("account").Clone();
    }
}

[CollectionDefinition(Name)]
public sealed class IdentityServiceCollection : ICollectionFixture<IdentityService>
{
    public const string Name = "identity service";
}
