using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using PartyGrid.ServiceDefaults.Identity;

namespace PartyGrid.Testing;

/// <summary>
/// Tokens for services hosted in a test: signed by key pairs of this test process under a test
/// issuer, in place of the identity service (staff) and the gateway (partner identities). The hosted
/// service is configured to trust exactly these keys, as it would trust the real issuers' JWKS.
/// </summary>
public static class TestTokens
{
    public const string StaffIssuer = "https://identity.partygrid.test/";
    public const string PartnerIssuer = "partygrid-gateway";
    public const string Audience = "partygrid";

    public static readonly RsaSecurityKey StaffKey = NewKey("test-staff");
    public static readonly RsaSecurityKey PartnerKey = NewKey("test-partner");

    /// <summary>A key-encryption key for the hosted process's key ring, fresh for each test run.</summary>
    public static readonly string KeyEncryptionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Auth:Issuer"] = StaffIssuer,
        ["Auth:PartnerIssuer"] = PartnerIssuer,

        // Never fetched: the keys are handed over in process (UseTestKeys).
        ["Auth:StaffKeys"] = "http://identity.invalid/.well-known/jwks",
        ["Auth:PartnerKeys"] = "http://gateway.invalid/.well-known/partner-jwks",
        ["Keys:KeyEncryptionKey"] = KeyEncryptionKey,
    };

    public static string Staff(string subject, Guid homeOrganisationId, params string[] roles) =>
        Sign(StaffKey, StaffIssuer, Claims(subject, "Test caller", homeOrganisationId, roles));

    public static string Partner(Guid homeOrganisationId, params string[] scopes)
    {
        var keyId = Guid.CreateVersion7();
        var claims = Claims($"api-key:{keyId}", "Test partner", homeOrganisationId, scopes.Select(PartnerScopes.RoleFor).Distinct())
            .Append(new Claim(PartyGridClaims.ApiKey, keyId.ToString()))
            .Concat(scopes.Select(s => new Claim(PartyGridClaims.Scope, s)));
        return Sign(PartnerKey, PartnerIssuer, claims);
    }

    public static string Sign(SecurityKey key, string issuer, IEnumerable<Claim> claims, string algorithm = SecurityAlgorithms.RsaSha256) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            Expires = DateTime.UtcNow.AddHours(2),
            SigningCredentials = new SigningCredentials(key, algorithm),
        });

    public static IEnumerable<Claim> Claims(string subject, string name, Guid homeOrganisationId, IEnumerable<string> roles) =>
        new[]
        {
            new Claim(PartyGridClaims.Subject, subject),
            new Claim(PartyGridClaims.Name, name),
            new Claim(PartyGridClaims.HomeOrganisation, homeOrganisationId.ToString()),
        }.Concat(roles.Select(r => new Claim(PartyGridClaims.Role, r)));

    /// <summary>Makes the hosted process trust the test keys for staff tokens and partner identities.</summary>
    public static void UseTestKeys(IServiceCollection services)
    {
        services.PostConfigure<JwtBearerOptions>(AuthenticationSetup.StaffScheme, o => o.ConfigurationManager = Static(StaffIssuer, StaffKey));
        services.PostConfigure<JwtBearerOptions>(AuthenticationSetup.PartnerScheme, o => o.ConfigurationManager = Static(PartnerIssuer, PartnerKey));
    }

    private static StaticConfigurationManager<OpenIdConnectConfiguration> Static(string issuer, SecurityKey key)
    {
        var configuration = new OpenIdConnectConfiguration { Issuer = issuer };
        configuration.SigningKeys.Add(key);
        return new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
    }

    private static RsaSecurityKey NewKey(string id) => new(RSA.Create(2048)) { KeyId = id };
}
