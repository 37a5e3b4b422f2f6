using System.Net;
using System.Net.Http.Json;
using PartyGrid.Testing;

namespace PartyGrid.Identity.Tests;

/// <summary>A fresh installation's one-time step: the first administrator, with the installer's bootstrap secret, once.</summary>
public sealed class BootstrapTests : IAsyncLifetime
{
    private const string Secret = "installer-secret-0123456789-abcdef";

    private ServiceHost<Program> host = null!;

    public async Task InitializeAsync() =>
        host = await ServiceHost<Program>.StartAsync(IdentityServiceExtensions.ServiceName, new Dictionary<string, string> { ["Identity:BootstrapToken"] = Secret });

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task The_first_admin_is_made_once_with_the_bootstrap_secret_and_never_again()
    {
        using var client = host.CreateClient();
        async Task<HttpResponseMessage> BootstrapAsync(string secret, string password)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/identity/bootstrap")
            {
                Content = JsonContent.Create(new { userName = "first-admin", displayName = "系统管理员", password }),
            };
            request.Headers.Add("X-Bootstrap-Token", secret);
            return await client.SendAsync(request);
        }

        using (var wrongSecret = await BootstrapAsync("guess", "Guan-Li-2026!"))
        {
            Assert.Equal(HttpStatusCode.NotFound, wrongSecret.StatusCode);
        }

        using (var weak = await BootstrapAsync(Secret, "short"))
        {
            var problem = await Json.ReadAsync(weak, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));
        }

        using (var created = await BootstrapAsync(Secret, "Guan-Li-2026!"))
        {
            var admin = await Json.ReadAsync(created, HttpStatusCode.Created);
            Assert.Equal(["admin"], admin.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
            Assert.Equal(System.Text.Json.JsonValueKind.Null, admin.GetProperty("homeOrganisationId").ValueKind);
        }

        using var again = await BootstrapAsync(Secret, "Guan-Li-2027!");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }
}
