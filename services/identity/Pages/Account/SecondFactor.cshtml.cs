using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PartyGrid.Identity.Accounts;
using PartyGrid.Identity.SignIn;

namespace PartyGrid.Identity.Pages.Account;

/// <summary>The TOTP step (or a recovery code). Wrong codes count towards the same lockout as wrong passwords.</summary>
[EnableRateLimiting(IdentityServiceExtensions.SignInLimit)]
public sealed class SecondFactorModel(UserManager<StaffAccount> users, AccountAuditLog audit, SignInFlow flow) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await flow.PendingAsync(SignInFlow.SecondFactorPage) is null ? LocalRedirect(SignInSchemes.LoginPath) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await flow.PendingAsync(SignInFlow.SecondFactorPage) is not { } pending)
        {
            return LocalRedirect(SignInSchemes.LoginPath);
        }

        var account = pending.Account;
        var code = (Code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        var valid = !await users.IsLockedOutAsync(account) && code.Length > 0
            && (code.Length == 6 && code.All(char.IsAsciiDigit)
                ? await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, code)
                : (await users.RedeemTwoFactorRecoveryCodeAsync(account, Code!.Trim())).Succeeded);
        if (!valid)
        {
            await users.AccessFailedAsync(account);
            await audit.WriteAsync(AuditActions.SecondFactor, await users.IsLockedOutAsync(account) ? AuditOutcomes.LockedOut : AuditOutcomes.Failed, account, account.Id.ToString());
            Error = "验证码不正确或已过期。";
            return Page();
        }

        await users.ResetAccessFailedCountAsync(account);
        await audit.WriteAsync(AuditActions.SecondFactor, AuditOutcomes.Succeeded, account, account.Id.ToString());
        return await flow.NextAsync(account, pending.ReturnUrl, secondFactorDone: true);
    }
}
