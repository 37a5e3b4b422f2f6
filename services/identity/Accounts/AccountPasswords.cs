using Microsoft.AspNetCore.Identity;
using PartyGrid.Identity.Data;

namespace PartyGrid.Identity.Accounts;

/// <summary>
/// Setting a password, the one way: through Identity's validators (<see cref="PasswordRules"/>), then
/// into the account's history so it cannot return within the next five.
/// </summary>
public sealed class AccountPasswords(UserManager<StaffAccount> users, AccountsDbContext db, TimeProvider time)
{
    /// <summary>Sets <paramref name="password"/>; <paramref name="mustChange"/> marks a one-time password handed out by a manager.</summary>
    public async Task<IdentityResult> SetAsync(StaffAccount account, string password, bool mustChange)
    {
        var token = await users.GeneratePasswordResetTokenAsync(account);
        account.MustChangePassword = mustChange;
        var result = await users.ResetPasswordAsync(account, token, password);
        if (result.Succeeded)
        {
            db.PasswordHistory.Add(new PasswordHistoryEntry { AccountId = account.Id, PasswordHash = account.PasswordHash!, SetAt = time.GetUtcNow() });
            await db.SaveChangesAsync();
        }

        return result;
    }
}

/// <summary>Writes the audit log; an entry is saved with the change it records, or at once for a sign-in attempt.</summary>
public sealed class AccountAuditLog(AccountsDbContext db, TimeProvider time, IHttpContextAccessor http)
{
    public const int MaxUserNameLength = 64;

    public void Add(string action, string outcome, StaffAccount? account, string actor, string? userName = null, string? detail = null) =>
        db.AccountAudit.Add(new AccountAuditEntry
        {
            At = time.GetUtcNow(),
            Action = action,
            Outcome = outcome,
            AccountId = account?.Id,
            UserName = Cut(account?.UserName ?? userName ?? string.Empty),
            OrganisationId = account?.HomeOrganisationId,
            Actor = Cut(actor),
            Address = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            Detail = detail,
        });

    public async Task WriteAsync(string action, string outcome, StaffAccount? account, string actor, string? userName = null, string? detail = null)
    {
        Add(action, outcome, account, actor, userName, detail);
        await db.SaveChangesAsync();
    }

    private static string Cut(string text) => text.Length <= MaxUserNameLength ? text : text[..MaxUserNameLength];
}
