using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PartyGrid.ServiceDefaults.Identity;

/// <summary>
/// What a partner system's API key may do. A key carries scopes such as <c>tickets:write</c>; an
/// endpoint group names the family it belongs to (<c>tickets</c>), and a read (GET, HEAD) needs
/// <c>{family}:read</c>, anything else <c>{family}:write</c>. Endpoints that name no family are closed
/// to partners. The gateway and the services apply the same rule, so a key that reaches a service
/// by another path is held to it there too.
/// </summary>
public static class PartnerScopes
{
    public const string TicketsWrite = "tickets:write";
    public const string TicketsRead = "tickets:read";
    public const string OrganisationsRead = "organisations:read";

    public static readonly IReadOnlyList<string> All = [TicketsWrite, TicketsRead, OrganisationsRead];

    /// <summary>The staff role a scope acts with inside the services' own rules (writes need <c>staff</c>).</summary>
    public static string RoleFor(string scope) => scope == TicketsWrite ? Roles.Staff : Roles.Viewer;

    /// <summary>A partner identity is one issued for an API key; its scopes bound it.</summary>
    public static bool IsPartner(ClaimsPrincipal user) => user.HasClaim(c => c.Type == PartyGridClaims.ApiKey);

    public static string Required(string family, string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? $"{family}:read" : $"{family}:write";

    /// <summary>Whether <paramref name="user"/> may call an endpoint of <paramref name="family"/> (null: no family) with this method.</summary>
    public static bool Allows(ClaimsPrincipal user, string? family, string method) =>
        !IsPartner(user) || (family is not null && user.HasClaim(PartyGridClaims.Scope, Required(family, method)));

    /// <summary>Opens the endpoints of a group to partner keys holding the family's scopes.</summary>
    public static TBuilder AllowPartners<TBuilder>(this TBuilder builder, string family)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PartnerFamily(family));

    /// <summary>Refuses partner identities on endpoints their scopes do not cover (403, before the endpoint runs).</summary>
    public static IApplicationBuilder UsePartnerScopes(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var endpoint = context.GetEndpoint();
            if (endpoint is not null
                && endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is null
                && !Allows(context.User, endpoint.Metadata.GetMetadata<PartnerFamily>()?.Name, context.Request.Method))
            {
                await Problems.Problems.Of(
                        StatusCodes.Status403Forbidden, "scope-missing",
                        "This API key's scopes do not cover this operation.")
                    .ExecuteAsync(context);
                return;
            }

            await next(context);
        });
}

/// <summary>Endpoint metadata: the scope family an endpoint belongs to.</summary>
public sealed record PartnerFamily(string Name);
