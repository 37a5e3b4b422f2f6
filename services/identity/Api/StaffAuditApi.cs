using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PartyGrid.Identity.Accounts;
using PartyGrid.Identity.Data;
using PartyGrid.ServiceDefaults.Identity;
using PartyGrid.ServiceDefaults.Paging;
using PartyGrid.ServiceDefaults.Problems;

namespace PartyGrid.Identity.Api;

public static class StaffAuditApi
{
    public static void MapStaffAuditApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/staff/audit", List).WithTags("Staff accounts")
            .WithSummary("The account audit log — changes and sign-in attempts — for accounts homed in the caller's subtree (admin: all, unknown user names included); cursor-paged.");

    private static async Task<Results<Ok<Page<AuditEntryResponse>>, ValidationProblem, ProblemHttpResult>> List(
        Caller caller, AccountsDbContext db, StaffAccess access, Guid? accountId, string? action, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        if (!RoleGrants.MayManageAccounts(caller))
        {
            return StaffAccess.NotManager();
        }

        var errors = new FieldErrors();
        var page = PageRequest.Parse(limit, cursor, errors);
        if (action is { Length: > 40 })
        {
            errors.Add("action", "must be at most 40 characters");
        }

        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var entries = db.AccountAudit.AsNoTracking();
        if (await access.ListableOrganisationsAsync(caller, cancellationToken) is { } visible)
        {
            entries = entries.Where(e => e.OrganisationId != null && visible.Contains(e.OrganisationId.Value));
        }

        if (accountId is { } id)
        {
            entries = entries.Where(e => e.AccountId == id);
        }

        if (action is not null)
        {
            entries = entries.Where(e => e.Action == action);
        }

        return TypedResults.Ok(await entries.ToPageAsync(page, AuditEntryResponse.Of, cancellationToken));
    }
}
