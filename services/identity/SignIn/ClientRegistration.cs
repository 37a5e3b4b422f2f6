using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using PartyGrid.Identity.Data;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace PartyGrid.Identity.SignIn;

/// <summary>
/// Registers the clients of <see cref="SignInSettings"/> at start-up, as configured each time (a new
/// secret or redirect address takes effect on the next start): the console as a public client with
/// authorization code + PKCE and refresh tokens, each operator tool with client credentials only.
/// No client may use the password grant. Replicas serialise on an advisory lock.
/// </summary>
public sealed class ClientRegistration(IServiceScopeFactory scopes, IOptions<SignInSettings> options) : IHostedService
{
    private const long LockKey = 0x5047_434C_4945_4E54;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);

        var console = new OpenIddictApplicationDescriptor
        {
            ClientId = SignInSchemes.ConsoleClientId,
            DisplayName = "PartyGrid 工作台",
            ClientType = ClientTypes.Public,
            ConsentType = ConsentTypes.Implicit,
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile, Permissions.Prefixes.Scope + Scopes.OfflineAccess,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var uri in options.Value.ConsoleRedirectUris)
        {
            console.RedirectUris.Add(new Uri(uri));
        }

        foreach (var uri in options.Value.ConsolePostLogoutRedirectUris)
        {
            console.PostLogoutRedirectUris.Add(new Uri(uri));
        }

        await RegisterAsync(applications, console, cancellationToken);

        foreach (var (clientId, client) in options.Value.OperatorClients)
        {
            await RegisterAsync(applications, new OpenIddictApplicationDescriptor
            {
                ClientId = clientId,
                ClientSecret = client.Secret,
                DisplayName = client.DisplayName,
                ClientType = ClientTypes.Confidential,
                Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
            }, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task RegisterAsync(IOpenIddictApplicationManager applications, OpenIddictApplicationDescriptor descriptor, CancellationToken cancellationToken)
    {
        if (await applications.FindByClientIdAsync(descriptor.ClientId!, cancellationToken) is { } existing)
        {
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        }
        else
        {
            await applications.CreateAsync(descriptor, cancellationToken);
        }
    }
}
