using PartyGrid.Identity.Accounts;

namespace PartyGrid.Identity.Api;

public sealed record StaffAccountResponse(
    Guid Id, string UserName, string DisplayName, Guid? HomeOrganisationId, IReadOnlyList<string> Roles, string Status,
    bool MustChangePassword, bool SecondFactorEnrolled, bool LockedOut, DateTimeOffset CreatedAt, long Version)
{
    public static StaffAccountResponse Of(StaffAccount a, DateTimeOffset now) => new(
        a.Id, a.UserName!, a.DisplayName, a.HomeOrganisationId, a.Roles, PartyGrid.Contracts.WireName.Of(a.Status),
        a.MustChangePassword, a.TwoFactorEnabled, a.LockoutEnd is { } end && end > now, a.CreatedAt, a.Version);
}

/// <summary>A new account: a generated one-time password is shown only in this answer (null when the manager chose it).</summary>
public sealed record CreatedStaffResponse(StaffAccountResponse Account, string? InitialPassword);

/// <summary>
/// A new account. Without <c>initialPassword</c> a one-time password is generated; either way it must
/// be changed at first sign-in unless an <c>admin</c> sets <c>mustChangePassword</c> to false.
/// </summary>
public sealed record CreateStaffRequest(
    string? UserName, string? DisplayName, Guid? HomeOrganisationId, string[]? Roles, string? InitialPassword = null, bool? MustChangePassword = null);

public sealed record UpdateRolesRequest(string[]? Roles);

public sealed record PasswordResetResponse(string InitialPassword);

public sealed record AuditEntryResponse(
    Guid Id, DateTimeOffset At, string Action, string Outcome, Guid? AccountId, string UserName, Guid? OrganisationId, string Actor, string? Address, string? Detail)
{
    public static AuditEntryResponse Of(AccountAuditEntry e) =>
        new(e.Id, e.At, e.Action, e.Outcome, e.AccountId, e.UserName, e.OrganisationId, e.Actor, e.Address, e.Detail);
}

public sealed record SigningKeyResponse(string Id, string Purpose, DateTimeOffset ActivatesAt, DateTimeOffset RetiresAt, DateTimeOffset ForgottenAt, bool Signing);

public sealed record RotatedKeyResponse(string Id, DateTimeOffset ActivatesAt);

public sealed record BootstrapRequest(string? UserName, string? DisplayName, string? Password);
