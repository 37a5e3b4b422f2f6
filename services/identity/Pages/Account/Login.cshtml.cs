using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PartyGrid.Identity.Accounts;
using PartyGrid.Identity.SignIn;

namespace PartyGrid.Identity.Pages.Account;

/// <summary>
/// User name and password. Every refusal reads the same — unknown name, wrong password, locked or
/// disabled account — so the page tells an attacker nothing; the audit log tells the administrator.
/// </summary>
[EnableRateLimiting(IdentityServiceExtensions.SignInLimit)]
public sealed class LoginModel(UserManager<StaffAccount> users, IPasswordHasher<StaffAccount> hasher, AccountAuditLog audit, SignInFlow flow) : PageModel
{
    public const string Refusal = "用户名或密码不正确，或账号已被暂时锁定。";

    // Verified against when the user name is unknown, so that the answer takes as long as for a real account.
    private static readonly string DecoyHash = new PasswordHasher<StaffAccount>().HashPassword(new StaffAccount(), Guid.NewGuid().ToString());

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public string? Error { get; private set; }

    public void OnGet() => ReturnUrl = SignInFlow.SafeReturnUrl(ReturnUrl);

    public async Task<IActionResult> OnPostAsync()
    {
        ReturnUrl = SignInFlow.SafeReturnUrl(ReturnUrl);
        var name = (UserName ?? string.Empty).Trim().ToLowerInvariant();
        var password = Password ?? string.Empty;
        var account = name.Length is > 0 and <= AccountAuditLog.MaxUserNameLength ? await users.FindByNameAsync(name) : null;
        if (account is null)
        {
            hasher.VerifyHashedPassword(new StaffAccount(), DecoyHash, password);
            await audit.WriteAsync(AuditActions.SignIn, AuditOutcomes.Failed, null, "anonymous", name, "unknown user name");
            return Refuse();
        }

        if (!account.IsActive)
        {
            await audit.WriteAsync(AuditActions.SignIn, AuditOutcomes.Disabled, account, account.Id.ToString());
            return Refuse();
        }

        if (await users.IsLockedOutAsync(account))
        {
            await audit.WriteAsync(AuditActions.SignIn, AuditOutcomes.LockedOut, account, account.Id.ToString());
            return Refuse();
        }

        if (!await users.CheckPasswordAsync(account, password))
        {
            await users.AccessFailedAsync(account);
            var outcome = await users.IsLockedOutAsync(account) ? AuditOutcomes.LockedOut : AuditOutcomes.Failed;
            await audit.WriteAsync(AuditActions.SignIn, outcome, account, account.Id.ToString(), detail: "wrong password");
            return Refuse();
        }

        await users.ResetAccessFailedCountAsync(account);
        return await flow.NextAsync(account, ReturnUrl, secondFactorDone: false);
    }

    private PageResult Refuse()
    {
        Error = Refusal;
        Password = null;
        return Page();
    }
}
