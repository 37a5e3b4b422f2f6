using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using PartyGrid.Identity.Accounts;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace PartyGrid.Identity.SignIn;

/// <summary>
/// The OpenID Connect endpoints whose decisions are PartyGrid's (OpenIddict validates the protocol
/// first): who is signed in at authorize, what a token carries and whether the account may still
/// have one, and what signing out revokes.
/// </summary>
public static class OpenIdEndpoints
{
    public const string AuthorizePath = "/identity/connect/authorize";
    public const string TokenPath = "/identity/connect/token";
    public const string EndSessionPath = "/identity/connect/endsession";

    public static void MapOpenIdEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods(AuthorizePath, [HttpMethods.Get, HttpMethods.Post], Authorize).AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();
        app.MapPost(TokenPath, Token).AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();
        app.MapMethods(EndSessionPath, [HttpMethods.Get, HttpMethods.Post], EndSession).AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();
    }

    private static async Task<IResult> Authorize(
        HttpContext http, UserManager<StaffAccount> users, IOpenIddictAuthorizationManager authorizations, IOpenIddictApplicationManager applications,
        IOptions<SignInSettings> options, TimeProvider time)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var session = await http.AuthenticateAsync(SignInSchemes.Session);
        var account = session.Succeeded ? await users.FindByIdAsync(session.Principal!.FindFirstValue(Claims.Subject)!) : null;
        var authenticatedAt = session.Succeeded ? StaffPrincipal.AuthenticatedAt(session.Principal!) : null;
        var fresh = authenticatedAt is { } at && time.GetUtcNow() - at < options.Value.SessionMax;
        if (account is not { IsActive: true } || !fresh || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Refuse(Errors.LoginRequired, "请先登录。");
            }

            await http.SignOutAsync(SignInSchemes.Session);
            return Results.Challenge(
                new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + QueryWithoutPrompt(http.Request) },
                [SignInSchemes.Session]);
        }

        var principal = StaffPrincipal.ForTokens(account, request.GetScopes(), authenticatedAt!.Value);
        var application = await applications.FindByClientIdAsync(request.ClientId!) ?? throw new InvalidOperationException("OpenIddict let an unknown client through.");
        var authorization = await authorizations.CreateAsync(
            principal, account.Id.ToString(), (await applications.GetIdAsync(application))!, AuthorizationTypes.AdHoc, principal.GetScopes());
        principal.SetAuthorizationId(await authorizations.GetIdAsync(authorization));
        return Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> Token(
        HttpContext http, UserManager<StaffAccount> users, IOptions<SignInSettings> options, TimeProvider time)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (request.IsClientCredentialsGrantType())
        {
            // OpenIddict has checked the secret; the roles come from this service's configuration, never from the request.
            if (!options.Value.OperatorClients.TryGetValue(request.ClientId!, out var client))
            {
                return Refuse(Errors.UnauthorizedClient, "未登记的客户端。");
            }

            return Results.SignIn(StaffPrincipal.ForClient(request.ClientId!, client, request.GetScopes()), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
        {
            return Refuse(Errors.UnsupportedGrantType, "不支持的授权方式。");
        }

        var granted = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var account = granted.Principal?.FindFirstValue(Claims.Subject) is { } subject ? await users.FindByIdAsync(subject) : null;
        if (account is not { IsActive: true })
        {
            return Refuse(Errors.InvalidGrant, "账号已停用或不存在。");
        }

        // The session's absolute limit holds for refresh tokens too: after it, sign in again.
        var authenticatedAt = StaffPrincipal.AuthenticatedAt(granted.Principal!);
        if (authenticatedAt is not { } at || time.GetUtcNow() - at >= options.Value.SessionMax)
        {
            return Refuse(Errors.InvalidGrant, "登录已过期，请重新登录。");
        }

        // Roles and organisation are read again, so a change reaches the next token.
        var principal = StaffPrincipal.ForTokens(account, granted.Principal!.GetScopes(), at);
        principal.SetAuthorizationId(granted.Principal!.GetAuthorizationId());
        return Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> EndSession(
        HttpContext http, IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens, AccountAuditLog audit, UserManager<StaffAccount> users)
    {
        var hint = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var session = await http.AuthenticateAsync(SignInSchemes.Session);
        var subject = hint.Principal?.FindFirstValue(Claims.Subject) ?? session.Principal?.FindFirstValue(Claims.Subject);
        if (hint.Principal?.GetAuthorizationId() is { } authorizationId)
        {
            if (await authorizations.FindByIdAsync(authorizationId) is { } authorization)
            {
                await authorizations.TryRevokeAsync(authorization);
            }

            await tokens.RevokeByAuthorizationIdAsync(authorizationId);
        }
        else if (subject is not null)
        {
            // No id_token_hint names the session's grant: everything the account holds goes.
            await authorizations.RevokeBySubjectAsync(subject);
            await tokens.RevokeBySubjectAsync(subject);
        }

        if (subject is not null)
        {
            await audit.WriteAsync(AuditActions.SignOut, AuditOutcomes.Succeeded, await users.FindByIdAsync(subject), subject);
        }

        await http.SignOutAsync(SignInSchemes.Session);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = SignInSchemes.LoginPath }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static IResult Refuse(string error, string description) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    private static string QueryWithoutPrompt(HttpRequest request) =>
        QueryString.Create(request.HasFormContentType
            ? request.Form.Where(p => p.Key != Parameters.Prompt).Select(p => KeyValuePair.Create(p.Key, p.Value))
            : request.Query.Where(p => p.Key != Parameters.Prompt).Select(p => KeyValuePair.Create(p.Key, p.Value))).ToString();
}
