using Microsoft.AspNetCore.Identity;
using PartyGrid.ServiceDefaults.Identity;

namespace PartyGrid.Identity.Accounts;

public enum AccountStatus
{
    Active,
    Disabled,
}

/// <summary>
/// A staff member's account: who they are, the organisation whose subtree bounds them, and their
/// roles. Password, lockout and second factor are ASP.NET Core Identity's; the rules that decide who
/// may hold and grant which role live here.
/// </summary>
public sealed class StaffAccount : IdentityUser<Guid>, PartyGrid.ServiceDefaults.Paging.IHasId
{
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>Null only for the first administrator of a fresh installation, made before any organisation exists.</summary>
    public Guid? HomeOrganisationId { get; set; }

    public List<string> Roles { get; set; } = [];

    public AccountStatus Status { get; set; } = AccountStatus.Active;

    public bool MustChangePassword { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public long Version { get; set; }

    /// <summary>DESIGN.md: <c>admin</c> and <c>pii-reader</c> sign in with a second factor.</summary>
    public bool RequiresSecondFactor => Roles.Contains(ServiceDefaults.Identity.Roles.Admin) || Roles.Contains(ServiceDefaults.Identity.Roles.PiiReader);

    public bool IsActive => Status == AccountStatus.Active;

    /// <summary>The organisation the account's tokens carry: the global admin of a fresh installation has none.</summary>
    public Guid TokenOrganisation => HomeOrganisationId ?? Guid.Empty;

    public void Disable()
    {
        Status = AccountStatus.Disabled;
        Version++;
    }

    public void Enable()
    {
        Status = AccountStatus.Active;
        Version++;
    }

    public void Grant(IEnumerable<string> roles)
    {
        Roles = roles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Version++;
    }

    public static bool IsRole(string role) => ServiceDefaults.Identity.Roles.All.Contains(role);
}

/// <summary>
/// Who may grant what (DESIGN.md "Identity and sign-in"): an <c>admin</c> anything anywhere; an
/// <c>org-admin</c> only <c>staff</c>, <c>viewer</c> and <c>org-admin</c>, to accounts homed in its
/// subtree. Nobody else manages accounts.
/// </summary>
public static class RoleGrants
{
    public static readonly IReadOnlySet<string> OrgAdminGrantable = new HashSet<string>(StringComparer.Ordinal)
    {
        ServiceDefaults.Identity.Roles.Staff, ServiceDefaults.Identity.Roles.Viewer, ServiceDefaults.Identity.Roles.OrgAdmin,
    };

    public static bool MayManageAccounts(Caller caller) => caller.IsAdmin || caller.Roles.Contains(ServiceDefaults.Identity.Roles.OrgAdmin);

    /// <summary>The roles of <paramref name="roles"/> this caller may not grant.</summary>
    public static IReadOnlyList<string> Ungrantable(Caller caller, IEnumerable<string> roles) =>
        caller.IsAdmin ? [] : roles.Where(r => !OrgAdminGrantable.Contains(r)).ToList();
}
