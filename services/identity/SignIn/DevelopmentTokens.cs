using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PartyGrid.ServiceDefaults.Identity;
using PartyGrid.ServiceDefaults.Problems;

namespace PartyGrid.Identity.SignIn;

/// <summary>
/// <c>POST /dev/token</c>: a token for any identity, signed like every staff token, for scripts and
/// tests. Mapped only when <c>Auth:DevelopmentTokens</c> is set to true explicitly; otherwise the path
/// does not exist (404).
/// </summary>
public static class DevelopmentTokens
{
    public const string Path = "/dev/token";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public sealed record DevTokenRequest(string? Sub, string? Name, string? OrgId, string[]? Roles);

    public sealed record DevTokenResponse(string AccessToken, DateTimeOffset ExpiresAt);

    public static WebApplication MapDevelopmentTokens(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.DevelopmentTokens)
        {
            app.MapPost(Path, Issue).AllowAnonymous().ExcludeFromDescription();
        }
        else
        {
            // Answered as a path that does not exist, rather than the 401 an unknown path gets from the fallback policy.
            app.MapPost(Path, () => Problems.NotFound("The path")).AllowAnonymous().ExcludeFromDescription();
        }

        return app;
    }

    private static Results<Ok<DevTokenResponse>, ValidationProblem> Issue(DevTokenRequest request, TokenIssuer issuer, IOptions<AuthOptions> auth)
    {
        var errors = new FieldErrors();
        var sub = errors.Required("sub", request.Sub, 200);
        if (!Guid.TryParse(request.OrgId, out var orgId))
        {
            errors.Add("orgId", "must be an organisation id");
        }

        var roles = request.Roles ?? [];
        foreach (var role in roles.Where(r => !Roles.All.Contains(r)))
        {
            errors.Add("roles", $"'{role}' is not a role; roles are {string.Join(", ", Roles.All)}");
        }

        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var (token, expiresAt) = issuer.Issue(
            auth.Value.Issuer, auth.Value.Audience, RingCredentials.SigningPurpose,
            new TokenIssuer.Identity(sub!, request.Name ?? sub!, orgId, roles), Lifetime, []);
        return TypedResults.Ok(new DevTokenResponse(token, expiresAt));
    }
}
