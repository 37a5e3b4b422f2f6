using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PartyGrid.Identity.Accounts;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace PartyGrid.Identity.SignIn;

/// <summary>
/// A sign-in session lasts while the account stays active, at most <see cref="SignInSettings.SessionMax"/>
/// after the password was entered, and <see cref="SignInSettings.SessionIdle"/> without use (the cookie's
/// sliding expiry).
/// </summary>
public static class SessionRules
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var max = services.GetRequiredService<IOptions<SignInSettings>>().Value.SessionMax;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var subject = context.Principal?.FindFirstValue(Claims.Subject);
        var account = subject is null ? null : await services.GetRequiredService<UserManager<StaffAccount>>().FindByIdAsync(subject);
        if (account is not { IsActive: true } || StaffPrincipal.AuthenticatedAt(context.Principal!) is not { } at || now - at >= max)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(SignInSchemes.Session);
        }
    }
}
