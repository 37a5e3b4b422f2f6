using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using PartyGrid.Identity.Accounts;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace PartyGrid.Identity.SignIn;

/// <summary>
/// The steps between a correct password and a session, in order: the second factor of an enrolled
/// account, the password change a one-time password demands, enrolment where the roles require a
/// second factor. Between steps the browser holds only a short-lived pending cookie.
/// </summary>
public sealed class SignInFlow(IHttpContextAccessor http, UserManager<StaffAccount> users, AccountAuditLog audit, TimeProvider time)
{
    public const string SecondFactorPage = "/identity/account/second-factor";
    public const string ChangePasswordPage = "/identity/account/change-password";
    public const string EnrolPage = "/identity/account/enrol";
    private const string ReturnUrlClaim = "return_url";
    private const string SecondFactorClaim = "second_factor";

    /// <summary>A sign-in under way and the one page it may use next (each page refuses any other state).</summary>
    public sealed record Pending(StaffAccount Account, string ReturnUrl, bool SecondFactorDone)
    {
        public string? Step => StepFor(Account, SecondFactorDone);
    }

    public static string? StepFor(StaffAccount account, bool secondFactorDone) => account switch
    {
        { TwoFactorEnabled: true } when !secondFactorDone => SecondFactorPage,
        { MustChangePassword: true } => ChangePasswordPage,
        { RequiresSecondFactor: true, TwoFactorEnabled: false } => EnrolPage,
        _ => null,
    };

    public async Task<IActionResult> NextAsync(StaffAccount account, string returnUrl, bool secondFactorDone)
    {
        var context = http.HttpContext!;
        if (StepFor(account, secondFactorDone) is { } step)
        {
            await RememberAsync(account, returnUrl, secondFactorDone);
            return new LocalRedirectResult(step);
        }

        await context.SignOutAsync(SignInSchemes.Pending);
        await context.SignInAsync(SignInSchemes.Session, StaffPrincipal.ForSession(account, time.GetUtcNow()));
        await audit.WriteAsync(AuditActions.SignIn, AuditOutcomes.Succeeded, account, account.Id.ToString());
        return new LocalRedirectResult(returnUrl);
    }

    /// <summary>The next step after enrolment, when this sign-in enrolled (and so proved) its second factor.</summary>
    public async Task<IActionResult?> ContinueAfterEnrolmentAsync() =>
        await PendingAsync() is { SecondFactorDone: true, Account.TwoFactorEnabled: true } pending
            ? await NextAsync(pending.Account, pending.ReturnUrl, secondFactorDone: true)
            : null;

    /// <summary>Keeps the sign-in under way in the pending cookie.</summary>
    public async Task RememberAsync(StaffAccount account, string returnUrl, bool secondFactorDone)
    {
        var identity = new ClaimsIdentity(StaffPrincipal.AuthenticationType);
        identity.AddClaim(new Claim(Claims.Subject, account.Id.ToString()));
        identity.AddClaim(new Claim(ReturnUrlClaim, returnUrl));
        identity.AddClaim(new Claim(SecondFactorClaim, secondFactorDone ? "done" : "open"));
        await http.HttpContext!.SignInAsync(SignInSchemes.Pending, new ClaimsPrincipal(identity));
    }

    /// <summary>The sign-in under way, or null when there is none (or its account can no longer sign in).</summary>
    public async Task<Pending?> PendingAsync(string page)
    {
        var pending = await PendingAsync();
        return pending?.Step == page ? pending : null;
    }

    private async Task<Pending?> PendingAsync()
    {
        var result = await http.HttpContext!.AuthenticateAsync(SignInSchemes.Pending);
        if (!result.Succeeded || result.Principal.FindFirstValue(Claims.Subject) is not { } subject
            || await users.FindByIdAsync(subject) is not { IsActive: true } account)
        {
            return null;
        }

        return new Pending(account, result.Principal.FindFirstValue(ReturnUrlClaim) ?? "/", result.Principal.FindFirstValue(SecondFactorClaim) == "done");
    }

    /// <summary>Only addresses on this site come back from sign-in (no open redirect).</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";
}
