using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using PartyGrid.Identity.Accounts;
using PartyGrid.Identity.Data;
using PartyGrid.ServiceDefaults.Identity;
using PartyGrid.ServiceDefaults.Paging;
using PartyGrid.ServiceDefaults.Problems;
using PartyGrid.ServiceDefaults.Projections;

namespace PartyGrid.Identity.Api;

public static partial class StaffApi
{
    public static void MapStaffApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/staff").WithTags("Staff accounts");
        api.MapGet("/", List).WithSummary("Staff accounts homed in the caller's subtree (admin: all), by organisation or name; cursor-paged.");
        api.MapGet("/{id:guid}", Get).WithSummary("One staff account.");
        api.MapPost("/", Create).WithSummary("Create an account with a one-time password, shown only in this answer and changed at first sign-in.");
        api.MapPut("/{id:guid}/roles", UpdateRoles).WithSummary("Replace an account's roles (org-admin grants staff, viewer, org-admin; admin grants all).");
        api.MapPost("/{id:guid}/disable", Disable).WithSummary("Disable an account: its sessions and refresh tokens are revoked at once.");
        api.MapPost("/{id:guid}/enable", Enable).WithSummary("Enable a disabled account.");
        api.MapPost("/{id:guid}/reset-password", ResetPassword).WithSummary("Give an account a new one-time password (and lift a lockout); its tokens are revoked.");
        api.MapPost("/{id:guid}/reset-second-factor", ResetSecondFactor).WithSummary("Remove an account's authenticator; it enrols again at its next sign-in.");
        app.MapStaffAuditApi();
        app.MapSigningKeysApi();
        app.MapBootstrap();
    }

    private static async Task<Results<Ok<Page<StaffAccountResponse>>, ValidationProblem, ProblemHttpResult>> List(
        Caller caller, AccountsDbContext db, StaffAccess access, TimeProvider time, Guid? orgId, string? search, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        if (!RoleGrants.MayManageAccounts(caller))
        {
            return StaffAccess.NotManager();
        }

        var errors = new FieldErrors();
        var page = PageRequest.Parse(limit, cursor, errors);
        if (search is { Length: > 100 })
        {
            errors.Add("search", "must be at most 100 characters");
        }

        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var accounts = db.Users.AsNoTracking();
        if (await access.ListableOrganisationsAsync(caller, cancellationToken) is { } visible)
        {
            accounts = accounts.Where(a => a.HomeOrganisationId != null && visible.Contains(a.HomeOrganisationId.Value));
        }

        if (orgId is { } org)
        {
            accounts = accounts.Where(a => a.HomeOrganisationId == org);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = PartyGrid.ServiceDefaults.Persistence.SqlLike.Containing(search.Trim());
            accounts = accounts.Where(a => EF.Functions.ILike(a.UserName!, pattern) || EF.Functions.ILike(a.DisplayName, pattern));
        }

        var now = time.GetUtcNow();
        return TypedResults.Ok(await accounts.ToPageAsync(page, a => StaffAccountResponse.Of(a, now), cancellationToken));
    }

    private static async Task<Results<Ok<StaffAccountResponse>, ProblemHttpResult>> Get(
        Guid id, Caller caller, AccountsDbContext db, StaffAccess access, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!RoleGrants.MayManageAccounts(caller))
        {
            return StaffAccess.NotManager();
        }

        var account = await db.Users.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        return account is not null && await access.WithinAsync(caller, account.HomeOrganisationId, cancellationToken)
            ? TypedResults.Ok(StaffAccountResponse.Of(account, time.GetUtcNow()))
            : Problems.NotFound("The staff account");
    }

    private static async Task<Results<Created<CreatedStaffResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CreateStaffRequest request, Caller caller, AccountOpening opening, StaffAccess access, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!RoleGrants.MayManageAccounts(caller))
        {
            return StaffAccess.NotManager();
        }

        var errors = new FieldErrors();
        if (StaffForm.Read(request, errors) is not { } form)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        if (await access.OpeningRefusalAsync(caller, form, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var now = time.GetUtcNow();
        var account = form.NewAccount(now);
        var password = form.InitialPassword ?? PasswordRules.OneTime();
        var opened = await opening.OpenAsync(account, password, form.MustChangePassword, caller.Subject, cancellationToken);
        if (!opened.Succeeded)
        {
            return opened.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName))
                ? Problems.Conflict("user-name-taken", "An account with this user name exists.")
                : Problems.Field("userName", string.Join(" ", opened.Errors.Select(e => e.Description)));
        }

        return TypedResults.Created(
            $"/api/v1/staff/{account.Id}", new CreatedStaffResponse(StaffAccountResponse.Of(account, now), form.InitialPassword is null ? password : null));
    }

    private static Task<Results<Ok<StaffAccountResponse>, ValidationProblem, ProblemHttpResult>> UpdateRoles(
        Guid id, UpdateRolesRequest request, Caller caller, AccountChanges changes, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var roles = StaffForm.ValidRoles(request.Roles, errors);
        if (errors.Any)
        {
            return Task.FromResult<Results<Ok<StaffAccountResponse>, ValidationProblem, ProblemHttpResult>>(Problems.Validation(errors.ToDictionary()));
        }

        return changes.ApplyAsync(id, caller, AuditActions.RolesChanged, async account =>
        {
            if (RoleGrants.Ungrantable(caller, roles!) is { Count: > 0 } ungrantable)
            {
                return Problems.Forbidden($"Only admin grants {string.Join(", ", ungrantable)}.");
            }

            account.Grant(roles!);
            await Task.CompletedTask;
            return null;
        }, cancellationToken);
    }

    private static Task<Results<Ok<StaffAccountResponse>, ValidationProblem, ProblemHttpResult>> Disable(
        Guid id, Caller caller, AccountChanges changes, CancellationToken cancellationToken) =>
        changes.ApplyAsync(id, caller, AuditActions.Disabled, async account =>
        {
            if (account.Id.ToString() == caller.Subject)
            {
                return Problems.RuleViolated("own-account", "An account cannot disable itself.");
            }

            account.Disable();
            await changes.RevokeAsync(account);
            return null;
        }, cancellationToken);

    private static Task<Results<Ok<StaffAccountResponse>, ValidationProblem, ProblemHttpResult>> Enable(
        Guid id, Caller caller, AccountChanges changes, CancellationToken cancellationToken) =>
        changes.ApplyAsync(id, caller, AuditActions.Enabled, account =>
        {
            account.Enable();
            return Task.FromResult<ProblemHttpResult?>(null);
        }, cancellationToken);

    private static async Task<Results<Ok<PasswordResetResponse>, ProblemHttpResult>> ResetPassword(
        Guid id, Caller caller, AccountChanges changes, AccountPasswords passwords, UserManager<StaffAccount> users, CancellationToken cancellationToken)
    {
        var initial = PasswordRules.OneTime();
        var result = await changes.ApplyAsync(id, caller, AuditActions.PasswordReset, async account =>
        {
            var set = await passwords.SetAsync(account, initial, mustChange: true);
            await users.SetLockoutEndDateAsync(account, null);
            await users.ResetAccessFailedCountAsync(account);
            await changes.RevokeAsync(account);
            return set.Succeeded ? null : Problems.RuleViolated("password-rules", string.Join(" ", set.Errors.Select(e => e.Description)));
        }, cancellationToken);
        return result.Result switch
        {
            Ok<StaffAccountResponse> => TypedResults.Ok(new PasswordResetResponse(initial)),
            ProblemHttpResult problem => problem,
            _ => Problems.NotFound("The staff account"),
        };
    }

    private static Task<Results<Ok<StaffAccountResponse>, ValidationProblem, ProblemHttpResult>> ResetSecondFactor(
        Guid id, Caller caller, AccountChanges changes, UserManager<StaffAccount> users, CancellationToken cancellationToken) =>
        changes.ApplyAsync(id, caller, AuditActions.SecondFactorReset, async account =>
        {
            await users.SetTwoFactorEnabledAsync(account, false);
            await users.ResetAuthenticatorKeyAsync(account);
            await changes.RevokeAsync(account);
            return null;
        }, cancellationToken);
}

/// <summary>
/// The shape every change to an existing account takes: load it, check the caller may manage it (on
/// the stored account), apply the change, record it in the audit log, save both together.
/// </summary>
public sealed class AccountChanges(
    AccountsDbContext db, UserManager<StaffAccount> users, StaffAccess access, AccountAuditLog audit, TimeProvider time,
    IOpenIddictTokenManager tokens, IOpenIddictAuthorizationManager authorizations)
{
    public async Task<Results<Ok<StaffAccountResponse>, ValidationProblem, ProblemHttpResult>> ApplyAsync(
        Guid id, Caller caller, string action, Func<StaffAccount, Task<ProblemHttpResult?>> change, CancellationToken cancellationToken)
    {
        if (!RoleGrants.MayManageAccounts(caller))
        {
            return StaffAccess.NotManager();
        }

        var account = await db.Users.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (account is null || !await access.WithinAsync(caller, account.HomeOrganisationId, cancellationToken))
        {
            return Problems.NotFound("The staff account");
        }

        if (!await access.CanManageAsync(caller, account, cancellationToken))
        {
            return Problems.Forbidden("Only admin manages accounts that hold admin or pii-reader.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await change(account) is { } refusal)
        {
            return refusal;
        }

        audit.Add(action, AuditOutcomes.Succeeded, account, caller.Subject, detail: string.Join(",", account.Roles));
        var saved = await users.UpdateAsync(account);
        if (!saved.Succeeded)
        {
            return Problems.Conflict("concurrent-change", "The account was changed meanwhile; read it again.");
        }

        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(StaffAccountResponse.Of(account, time.GetUtcNow()));
    }

    /// <summary>Ends every session and token of the account now: refresh tokens are refused from here on.</summary>
    public async Task RevokeAsync(StaffAccount account)
    {
        await authorizations.RevokeBySubjectAsync(account.Id.ToString());
        await tokens.RevokeBySubjectAsync(account.Id.ToString());
        await users.UpdateSecurityStampAsync(account);
    }
}
