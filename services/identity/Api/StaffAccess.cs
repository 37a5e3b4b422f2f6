using Microsoft.AspNetCore.Http.HttpResults;
using PartyGrid.Identity.Accounts;
using PartyGrid.Identity.Data;
using PartyGrid.ServiceDefaults.Identity;
using PartyGrid.ServiceDefaults.Problems;
using PartyGrid.ServiceDefaults.Projections;

namespace PartyGrid.Identity.Api;

/// <summary>
/// Who may see and manage which account, judged on the stored account: an <c>admin</c> every account;
/// an <c>org-admin</c> the accounts homed in its subtree that hold only roles it could grant itself
/// (so it cannot take over an administrator homed below it). Nobody else manages accounts.
/// </summary>
public sealed class StaffAccess(ProjectedScope<AccountsDbContext> scope)
{
    public async Task<bool> CanManageAsync(Caller caller, StaffAccount account, CancellationToken cancellationToken)
    {
        if (caller.IsAdmin)
        {
            return true;
        }

        return RoleGrants.MayManageAccounts(caller)
            && RoleGrants.Ungrantable(caller, account.Roles).Count == 0
            && await WithinAsync(caller, account.HomeOrganisationId, cancellationToken);
    }

    public async Task<bool> WithinAsync(Caller caller, Guid? organisationId, CancellationToken cancellationToken) =>
        caller.IsAdmin
        || (organisationId is { } id && await scope.FindAsync(id, cancellationToken) is { } organisation
            && await scope.CanActAsync(caller, Roles.OrgAdmin, organisation.Path, cancellationToken));

    /// <summary>The ids of the organisations whose accounts the caller lists (null: all, for admin).</summary>
    public async Task<IQueryable<Guid>?> ListableOrganisationsAsync(Caller caller, CancellationToken cancellationToken) =>
        caller.IsAdmin ? null
        : await scope.HomePathAsync(caller, cancellationToken) is { } home ? scope.SubtreeIds(home)
        : scope.Organisations.Where(o => false).Select(o => o.Id);

    /// <summary>
    /// Why this caller may not open the account the form describes, or null: its home must take new
    /// work and lie in the caller's subtree, and an org-admin grants only what it could hold itself
    /// and never an account that keeps its first password.
    /// </summary>
    public async Task<ProblemHttpResult?> OpeningRefusalAsync(Caller caller, StaffForm form, CancellationToken cancellationToken)
    {
        if (!form.MustChangePassword && !caller.IsAdmin)
        {
            return Problems.Forbidden("Only admin creates accounts that keep their first password.");
        }

        var home = await scope.FindAsync(form.HomeOrganisationId, cancellationToken);
        if (ProjectedScope<AccountsDbContext>.RefusalForNewWork(home) is { } refusal)
        {
            return Problems.Field("homeOrganisationId", refusal);
        }

        if (!await WithinAsync(caller, home!.Id, cancellationToken))
        {
            return Problems.Forbidden("An org-admin creates accounts homed in its own subtree only.");
        }

        return RoleGrants.Ungrantable(caller, form.Roles) is { Count: > 0 } ungrantable
            ? Problems.Forbidden($"Only admin grants {string.Join(", ", ungrantable)}.")
            : null;
    }

    public static ProblemHttpResult NotManager() =>
        Problems.Forbidden("Only admin and org-admin manage staff accounts.");
}
