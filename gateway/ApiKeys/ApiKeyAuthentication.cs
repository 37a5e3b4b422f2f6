using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using PartyGrid.ServiceDefaults.Identity;

namespace PartyGrid.Gateway.ApiKeys;

/// <summary>
/// Authenticates <c>X-Api-Key</c>. The principal carries the same claims as the internal identity
/// the services will receive (<see cref="PartnerIdentities"/>), so the gateway's own checks — scope,
/// rate limit — read it the same way the services do.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "api-key";
    public const string Header = "X-Api-Key";

    /// <summary>Gateway-only claim: the key's own quota, read by the rate limiter.</summary>
    public const string QuotaClaim = "rpm";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = Request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(secret))
        {
            return AuthenticateResult.NoResult();
        }

        var key = await keys.FindAsync(secret, Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        var claims = PartnerIdentities.Claims(key).ToList();
        if (key.RequestsPerMinute is { } quota)
        {
            claims.Add(new Claim(QuotaClaim, quota.ToString(CultureInfo.InvariantCulture)));
        }

        var identity = new ClaimsIdentity(claims, SchemeName, PartyGridClaims.Name, PartyGridClaims.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
