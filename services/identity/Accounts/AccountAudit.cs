namespace PartyGrid.Identity.Accounts;

/// <summary>
/// One line of the account audit log: every change to an account and every sign-in attempt, who did
/// it, from which address, and how it ended. The account's home organisation at that moment scopes
/// who may read the line; an attempt with an unknown user name has none (only <c>admin</c> sees it).
/// </summary>
public sealed class AccountAuditEntry : PartyGrid.ServiceDefaults.Paging.IHasId
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public DateTimeOffset At { get; init; }

    public required string Action { get; init; }

    public required string Outcome { get; init; }

    public Guid? AccountId { get; init; }

    /// <summary>The user name as given (for a sign-in attempt, whatever was typed, cut to length).</summary>
    public required string UserName { get; init; }

    public Guid? OrganisationId { get; init; }

    /// <summary>The subject that acted: the account itself for sign-ins, the manager for changes.</summary>
    public required string Actor { get; init; }

    public string? Address { get; init; }

    public string? Detail { get; init; }
}

public static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SecondFactor = "second-factor";
    public const string Created = "created";
    public const string RolesChanged = "roles-changed";
    public const string Disabled = "disabled";
    public const string Enabled = "enabled";
    public const string PasswordReset = "password-reset";
    public const string PasswordChanged = "password-changed";
    public const string SecondFactorReset = "second-factor-reset";
    public const string SecondFactorEnrolled = "second-factor-enrolled";
    public const string SignOut = "sign-out";
}

public static class AuditOutcomes
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string LockedOut = "locked-out";
    public const string Disabled = "disabled";
}
