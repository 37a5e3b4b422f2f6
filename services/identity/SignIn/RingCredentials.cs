using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using PartyGrid.ServiceDefaults.Identity;
using PartyGrid.ServiceDefaults.Keys;

namespace PartyGrid.Identity.SignIn;

/// <summary>
/// Hands OpenIddict the key ring: every published signing key (so the JWKS lists a successor before
/// it signs and a retired key until its tokens have expired), the active one first, since OpenIddict
/// signs with the first; the same for the keys that encrypt codes and refresh tokens. When the ring
/// changes, OpenIddict's options are built again: a rollover needs no restart.
/// </summary>
public sealed class RingCredentials(KeyRing ring)
    : IConfigureOptions<OpenIddictServerOptions>, IPostConfigureOptions<OpenIddictServerOptions>, IOptionsChangeTokenSource<OpenIddictServerOptions>
{
    public const string SigningPurpose = "signing";
    public const string EncryptionPurpose = "encryption";

    public string? Name => Options.DefaultName;

    public IChangeToken GetChangeToken() => ring.ChangeToken;

    public void Configure(OpenIddictServerOptions options)
    {
        foreach (var key in ring.Published(SigningPurpose))
        {
            options.SigningCredentials.Add(new SigningCredentials(key.Key, SecurityAlgorithms.RsaSha256));
        }

        foreach (var key in ring.Published(EncryptionPurpose))
        {
            options.EncryptionCredentials.Add(new EncryptingCredentials(key.Key, SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
        }
    }

    /// <summary>Runs after OpenIddict's own sorting, which cannot tell two RSA keys apart, and restores the ring's order.</summary>
    public void PostConfigure(string? name, OpenIddictServerOptions options)
    {
        var signing = ring.Published(SigningPurpose).Select(k => k.Id).ToList();
        options.SigningCredentials.Sort((a, b) => Rank(signing, a.Key.KeyId).CompareTo(Rank(signing, b.Key.KeyId)));
        var encryption = ring.Published(EncryptionPurpose).Select(k => k.Id).ToList();
        options.EncryptionCredentials.Sort((a, b) => Rank(encryption, a.Key.KeyId).CompareTo(Rank(encryption, b.Key.KeyId)));
    }

    private static int Rank(List<string> order, string id) => order.IndexOf(id) is var i and >= 0 ? i : int.MaxValue;
}

/// <summary>
/// The identity service checks the tokens sent to its own API against its own ring, in process,
/// rather than fetching its JWKS over the network.
/// </summary>
public sealed class RingConfiguration(KeyRing ring, IOptions<AuthOptions> auth) : IConfigurationManager<OpenIdConnectConfiguration>
{
    public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        var configuration = new OpenIdConnectConfiguration { Issuer = auth.Value.Issuer };
        foreach (var key in ring.Published(RingCredentials.SigningPurpose))
        {
            configuration.SigningKeys.Add(key.Key);
        }

        return Task.FromResult(configuration);
    }

    public void RequestRefresh()
    {
        // Always current: the ring is reloaded by its rotation job.
    }
}
