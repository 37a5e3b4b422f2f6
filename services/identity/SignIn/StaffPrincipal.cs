using System.Globalization;
using System.Security.Claims;
using OpenIddict.Abstractions;
using PartyGrid.Identity.Accounts;
using PartyGrid.ServiceDefaults.Identity;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace PartyGrid.Identity.SignIn;

/// <summary>The claims PartyGrid tokens carry, built in one place for staff accounts and operator clients.</summary>
public static class StaffPrincipal
{
    public const string AuthenticationType = "partygrid";

    /// <summary>The principal of a browser session: the account and when its password was entered.</summary>
    public static ClaimsPrincipal ForSession(StaffAccount account, DateTimeOffset authenticatedAt)
    {
        var identity = new ClaimsIdentity(AuthenticationType, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, account.Id.ToString()));
        identity.AddClaim(new Claim(Claims.Name, account.DisplayName));
        identity.AddClaim(new Claim(Claims.AuthenticationTime, authenticatedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        return new ClaimsPrincipal(identity);
    }

    public static DateTimeOffset? AuthenticatedAt(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(Claims.AuthenticationTime), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    /// <summary>The principal OpenIddict turns into tokens for a staff account, with the account's current roles.</summary>
    public static ClaimsPrincipal ForTokens(StaffAccount account, IEnumerable<string> scopes, DateTimeOffset authenticatedAt) =>
        Tokens(
            account.Id.ToString(), account.DisplayName, account.TokenOrganisation, account.Roles, scopes,
            [
                new Claim(Claims.PreferredUsername, account.UserName ?? string.Empty),
                new Claim(Claims.AuthenticationTime, authenticatedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64),
            ]);

    /// <summary>The principal of an operator client (client credentials): only the roles configured for it.</summary>
    public static ClaimsPrincipal ForClient(string clientId, OperatorClient client, IEnumerable<string> scopes) =>
        Tokens(clientId, client.DisplayName, Guid.Empty, client.Roles, scopes, []);

    private static ClaimsPrincipal Tokens(
        string subject, string name, Guid organisation, IEnumerable<string> roles, IEnumerable<string> scopes, IEnumerable<Claim> extra)
    {
        var identity = new ClaimsIdentity(AuthenticationType, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, subject));
        identity.AddClaim(new Claim(Claims.Name, name));
        identity.AddClaim(new Claim(PartyGridClaims.HomeOrganisation, organisation.ToString()));
        foreach (var role in roles)
        {
            identity.AddClaim(new Claim(Claims.Role, role));
        }

        identity.AddClaims(extra);
        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(scopes);
        principal.SetResources(SignInSchemes.Resource);
        principal.SetDestinations(claim => claim.Type switch
        {
            Claims.Subject or Claims.Name or PartyGridClaims.HomeOrganisation or Claims.Role => [Destinations.AccessToken, Destinations.IdentityToken],
            Claims.PreferredUsername or Claims.AuthenticationTime => [Destinations.IdentityToken],
            _ => [],
        });
        return principal;
    }
}
