using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace PartyGrid.ServiceDefaults.Identity;

/// <summary>
/// Reads a JWKS document straight from an issuer's internal address. The issuer itself is pinned by
/// configuration, not taken from what the address answers, so a service that fetches keys over the
/// internal network still accepts only the public issuer.
/// </summary>
public sealed class JwksRetriever(string issuer) : IConfigurationRetriever<OpenIdConnectConfiguration>
{
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        var keys = new JsonWebKeySet(await retriever.GetDocumentAsync(address, cancel));
        var configuration = new OpenIdConnectConfiguration { Issuer = issuer, JsonWebKeySet = keys };
        foreach (var key in keys.GetSigningKeys())
        {
            configuration.SigningKeys.Add(key);
        }

        return configuration;
    }

    public static ConfigurationManager<OpenIdConnectConfiguration> Manager(string issuer, string address, HttpClient http, TimeSpan refreshInterval) =>
        new(address, new JwksRetriever(issuer), new HttpDocumentRetriever(http) { RequireHttps = false })
        {
            AutomaticRefreshInterval = ConfigurationManager<OpenIdConnectConfiguration>.MinimumAutomaticRefreshInterval,
            RefreshInterval = refreshInterval,
        };
}
