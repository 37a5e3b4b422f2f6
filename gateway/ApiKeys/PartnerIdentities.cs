using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using PartyGrid.ServiceDefaults.Identity;
using PartyGrid.ServiceDefaults.Keys;

namespace PartyGrid.Gateway.ApiKeys;

/// <summary>
/// Turns a partner key into the short-lived token the services validate: subject <c>api-key:{id}</c>,
/// the key's organisation as home, the roles its scopes act with, and the scopes themselves — signed
/// with the gateway's own key pair under its own issuer, which services accept for partner
/// identities only. Tokens are reused until shortly before they expire.
/// </summary>
public sealed class PartnerIdentities(TokenIssuer issuer, IOptions<AuthOptions> auth, TimeProvider time)
{
    public const string KeyPurpose = "partner-signing";
    public const string JwksPath = "/.well-known/partner-jwks";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Guid, (string Token, DateTimeOffset ExpiresAt)> issued = new();

    public static string Subject(Guid keyId) => $"{PartyGridClaims.PartnerSubjectPrefix}{keyId}";

    public static IEnumerable<Claim> Claims(PartnerKey key)
    {
        yield return new Claim(PartyGridClaims.Subject, Subject(key.Id));
        yield return new Claim(PartyGridClaims.Name, key.Name);
        yield return new Claim(PartyGridClaims.HomeOrganisation, key.OrganisationId.ToString());
        yield return new Claim(PartyGridClaims.ApiKey, key.Id.ToString());
        foreach (var role in key.Scopes.Select(PartnerScopes.RoleFor).Distinct())
        {
            yield return new Claim(PartyGridClaims.Role, role);
        }

        foreach (var scope in key.Scopes)
        {
            yield return new Claim(PartyGridClaims.Scope, scope);
        }
    }

    /// <summary>The bearer token for a principal the gateway authenticated by API key.</summary>
    public string TokenFor(ClaimsPrincipal partner)
    {
        var keyId = Guid.Parse(partner.FindFirstValue(PartyGridClaims.ApiKey)!);
        var now = time.GetUtcNow();
        if (issued.TryGetValue(keyId, out var token) && token.ExpiresAt - now > RenewBefore)
        {
            return token.Token;
        }

        var forwarded = partner.Claims
            .Where(c => c.Type is PartyGridClaims.ApiKey or PartyGridClaims.Scope)
            .Select(c => new Claim(c.Type, c.Value));
        var identity = new TokenIssuer.Identity(
            partner.FindFirstValue(PartyGridClaims.Subject)!,
            partner.FindFirstValue(PartyGridClaims.Name)!,
            Guid.Parse(partner.FindFirstValue(PartyGridClaims.HomeOrganisation)!),
            partner.FindAll(PartyGridClaims.Role).Select(c => c.Value));
        token = issuer.Issue(auth.Value.PartnerIssuer, auth.Value.Audience, KeyPurpose, identity, Lifetime, forwarded);
        issued[keyId] = token;
        return token.Token;
    }

    public void Forget(Guid keyId) => issued.TryRemove(keyId, out _);
}
