using System.Text.Json;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace PartyGrid.ServiceDefaults.Identity;

/// <summary>
/// An issuer's signing keys, read from its JWKS at an internal address. The issuer itself is pinned by
/// configuration, never taken from the answer. Keys are read again every <see cref="MaxAge"/>, and at
/// once — within the request — when a token names a key not yet known, at most once per
/// <c>minimumRefresh</c>, so a rollover is taken without a restart and a flood of made-up key ids
/// costs at most one fetch per interval.
/// </summary>
public sealed class JwksKeys(string issuer, string address, HttpClient http, TimeProvider time, TimeSpan minimumRefresh) : IConfigurationManager<OpenIdConnectConfiguration>
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim fetching = new(1, 1);
    private OpenIdConnectConfiguration? current;
    private DateTimeOffset fetchedAt = DateTimeOffset.MinValue;

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        if (current is null || time.GetUtcNow() - fetchedAt >= MaxAge)
        {
            await RefreshAsync(cancel);
        }

        return current ?? throw new InvalidOperationException($"No signing keys could be read from {address}.");
    }

    /// <summary>Makes sure the key a token names is known, reading the JWKS again if it is not and the last read is old enough.</summary>
    public async Task EnsureAsync(string? keyId, CancellationToken cancel)
    {
        if (keyId is null || (current is { } known && known.SigningKeys.Any(k => k.KeyId == keyId)))
        {
            return;
        }

        if (time.GetUtcNow() - fetchedAt >= minimumRefresh)
        {
            await RefreshAsync(cancel);
        }
    }

    /// <summary>Unknown keys are handled by <see cref="EnsureAsync"/>, rate-limited; a failed token alone forces no fetch.</summary>
    public void RequestRefresh()
    {
    }

    private async Task RefreshAsync(CancellationToken cancel)
    {
        var before = fetchedAt;
        await fetching.WaitAsync(cancel);
        try
        {
            if (fetchedAt != before && current is not null)
            {
                return;
            }

            var configuration = new OpenIdConnectConfiguration { Issuer = issuer };
            try
            {
                var keys = new JsonWebKeySet(await http.GetStringAsync(address, cancel));
                foreach (var key in keys.GetSigningKeys())
                {
                    configuration.SigningKeys.Add(key);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or ArgumentException)
            {
                // The issuer is unreachable: keep what is known (tokens of known keys still pass) and try again later.
                fetchedAt = time.GetUtcNow();
                if (current is null)
                {
                    throw new InvalidOperationException($"The signing keys at {address} cannot be read.", ex);
                }

                return;
            }

            current = configuration;
            fetchedAt = time.GetUtcNow();
        }
        finally
        {
            fetching.Release();
        }
    }
}
