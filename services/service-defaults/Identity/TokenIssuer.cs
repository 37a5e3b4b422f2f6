using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PartyGrid.ServiceDefaults.Identity;

/// <summary>Signs PartyGrid tokens with the shared key (the gateway's dev tokens and partner identities).</summary>
public sealed class TokenIssuer(IOptions<AuthOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler handler = new();

    public (string Token, DateTimeOffset ExpiresAt) Issue(string subject, string name, Guid homeOrganisationId, IEnumerable<string> roles) =>
        Issue(subject, name, homeOrganisationId, roles, options.Value.TokenLifetime, []);

    /// <summary>A token with its own lifetime and extra claims (a partner key's short-lived identity with its scopes).</summary>
    public (string Token, DateTimeOffset ExpiresAt) Issue(
        string subject, string name, Guid homeOrganisationId, IEnumerable<string> roles, TimeSpan lifetime, IEnumerable<Claim> extraClaims)
    {
        var auth = options.Value;
        var now = time.GetUtcNow();
        var expires = now + lifetime;
        var claims = new List<Claim>
        {
            new(PartyGridClaims.Subject, subject),
            new(PartyGridClaims.Name, name),
            new(PartyGridClaims.HomeOrganisation, homeOrganisationId.ToString()),
        };
        claims.AddRange(roles.Select(r => new Claim(PartyGridClaims.Role, r)));
        claims.AddRange(extraClaims);

        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(AuthenticationSetup.SigningKey(auth), SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }
}
