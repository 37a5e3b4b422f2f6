using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartyGrid.Identity.Accounts;
using PartyGrid.Identity.SignIn;

namespace PartyGrid.Identity.Pages.Account;

/// <summary>The password change a one-time password demands before anything else can be done.</summary>
public sealed class ChangePasswordModel(AccountPasswords passwords, AccountAuditLog audit, SignInFlow flow) : PageModel
{
    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? Confirm { get; set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() =>
        await flow.PendingAsync(SignInFlow.ChangePasswordPage) is null ? LocalRedirect(SignInSchemes.LoginPath) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await flow.PendingAsync(SignInFlow.ChangePasswordPage) is not { } pending)
        {
            return LocalRedirect(SignInSchemes.LoginPath);
        }

        if (NewPassword is null || NewPassword != Confirm)
        {
            Errors = ["两次输入的密码不一致。"];
            return Page();
        }

        var result = await passwords.SetAsync(pending.Account, NewPassword, mustChange: false);
        if (!result.Succeeded)
        {
            Errors = result.Errors.Select(e => e.Description).ToList();
            return Page();
        }

        await audit.WriteAsync(AuditActions.PasswordChanged, AuditOutcomes.Succeeded, pending.Account, pending.Account.Id.ToString());
        return await flow.NextAsync(pending.Account, pending.ReturnUrl, pending.SecondFactorDone);
    }
}
