using Microsoft.AspNetCore.Identity;
using PartyGrid.Identity.Data;

namespace PartyGrid.Identity.Accounts;

/// <summary>
/// Opens an account in one transaction: its audit line, the Identity user and its first password land
/// together or not at all, so no account exists that nobody can sign in to and no audit line lies.
/// </summary>
public sealed class AccountOpening(AccountsDbContext db, UserManager<StaffAccount> users, AccountPasswords passwords, AccountAuditLog audit)
{
    public async Task<IdentityResult> OpenAsync(
        StaffAccount account, string password, bool mustChange, string openedBy, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        audit.Add(AuditActions.Created, AuditOutcomes.Succeeded, account, openedBy, detail: string.Join(",", account.Roles));
        var created = await users.CreateAsync(account);
        var set = created.Succeeded ? await passwords.SetAsync(account, password, mustChange) : created;
        if (set.Succeeded)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return set;
    }
}
