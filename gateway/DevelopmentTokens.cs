using Microsoft.AspNetCore.Http.HttpResults;
using PartyGrid.ServiceDefaults.Identity;
using PartyGrid.ServiceDefaults.Problems;

namespace PartyGrid.Gateway;

/// <summary>
/// <c>POST /dev/token</c>: any identity, for local runs and tests. Mapped only in Development, so
/// everywhere else the path does not exist (404).
/// </summary>
public static class DevelopmentTokens
{
    public sealed record DevTokenRequest(string? Sub, string? Name, string? OrgId, string[]? Roles);

    public sealed record DevTokenResponse(string AccessToken, DateTimeOffset ExpiresAt);

    public static WebApplication MapDevelopmentTokens(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            app.MapPost("/dev/token", Issue).AllowAnonymous().ExcludeFromDescription();
        }

        return app;
    }

    private static Results<Ok<DevTokenResponse>, ValidationProblem> Issue(DevTokenRequest request, TokenIssuer issuer)
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

        var (token, expiresAt) = issuer.Issue(sub!, request.Name ?? sub!, orgId, roles);
        return TypedResults.Ok(new DevTokenResponse(token, expiresAt));
    }
}
