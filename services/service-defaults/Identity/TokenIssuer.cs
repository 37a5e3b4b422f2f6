using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PartyGrid.ServiceDefaults.Keys;

namespace PartyGrid.ServiceDefaults.Identity;

/// <summary>Signs PartyGrid tokens (RS256) with the active key of this process's own key ring.</summary>
public sealed class TokenIssuer(KeyRing ring, TimeProvider time)
{
    private readonly JsonWebTokenHandler handler = new();

    public sealed record Identity(string Subject, string Name, Guid HomeOrganisationId, IEnumerable<string> Roles);

    public (string Token, DateTimeOffset ExpiresAt) Issue(
        string issuer, string audience, string purpose, Identity identity, TimeSpan lifetime, IEnumerable<Claim> extraClaims)
    {
        var now = time.GetUtcNow();
        var expires = now + lifetime;
        var claims = new List<Claim>
        {
            new(PartyGridClaims.Subject, identity.Subject),
            new(PartyGridClaims.Name, identity.Name),
            new(PartyGridClaims.HomeOrganisation, identity.HomeOrganisationId.ToString()),
        };
        claims.AddRange(identity.Roles.Select(r => new Claim(PartyGridClaims.Role, r)));
        claims.AddRange(extraClaims);

        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(ring.Active(purpose).Key, SecurityAlgorithms.RsaSha256),
        });
        return (token, expires);
    }
}
