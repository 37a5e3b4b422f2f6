using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace PartyGrid.ServiceDefaults.Identity;

/// <summary>
/// Who is calling: the subject, the home organisation that bounds what they may see and change, and
/// their roles. Bound straight from the validated token; an endpoint that takes a <see cref="Caller"/>
/// can only run for an authenticated request.
/// </summary>
public sealed record Caller(string Subject, string Name, Guid HomeOrganisationId, IReadOnlySet<string> Roles)
{
    /// <summary><c>admin</c> is global: its home organisation does not limit it.</summary>
    public bool IsAdmin => Roles.Contains(Identity.Roles.Admin);

    public bool HasRole(string role) => IsAdmin || Roles.Contains(role);

    /// <summary>A partner system calling with an API key, not a person on the staff.</summary>
    public bool IsPartner { get; init; }

    public static Caller? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var subject = principal.FindFirstValue(PartyGridClaims.Subject);
        var org = principal.FindFirstValue(PartyGridClaims.HomeOrganisation);
        if (subject is null || !Guid.TryParse(org, out var homeOrg))
        {
            return null;
        }

        var roles = principal.FindAll(PartyGridClaims.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new Caller(subject, principal.FindFirstValue(PartyGridClaims.Name) ?? subject, homeOrg, roles)
        {
            IsPartner = PartnerScopes.IsPartner(principal),
        };
    }

    /// <summary>Minimal-API binding: a request whose token lacks the PartyGrid claims is refused with 401.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        _ = parameter;
        var caller = From(context.User) ?? throw new BadHttpRequestException(
            "The token does not carry the PartyGrid identity claims (sub, org).", StatusCodes.Status401Unauthorized);
        return ValueTask.FromResult<Caller?>(caller);
    }
}
