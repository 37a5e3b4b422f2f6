using Microsoft.AspNetCore.Http.HttpResults;
using PartyGrid.ServiceDefaults.Hosting;
using PartyGrid.ServiceDefaults.Paging;
using PartyGrid.ServiceDefaults.Projections;

namespace PartyGrid.Members.Api;

/// <summary>
/// Mobile members of a subtree: flowing out of it (by home organisation) or flowing into it (by
/// destination), the lost-contact count, and the prompts to transfer members long away.
/// </summary>
public static class MobileMembersApi
{
    public static void MapMobileMembersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/mobile-members").WithTags("Mobile members");
        api.MapGet("/", List).WithSummary("Active flows out of (direction=out, default) or into (direction=in) an organisation's subtree.");
        api.MapGet("/transfer-prompts", Prompts).WithSummary("Members away over six months at one destination, longest away first (limit, default and most as for any page): count is all of them.");
        api.MapGet("/summary", Summary).WithSummary("Counts of members flowing out, flowing in, lost contact and transfer prompts.");
    }

    private static async Task<Results<Ok<Page<MobileMemberResponse>>, ValidationProblem, ProblemHttpResult>> List(
        Guid? orgId, string? direction, bool? lostContact, int? limit, string? cursor,
        Caller caller, MembersDbContext db, ProjectedScope<MembersDbContext> scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var page = PageRequest.Parse(limit, cursor, errors);
        var inward = direction switch
        {
            null or "out" => false,
            "in" => true,
            _ => Invalid(errors),
        };
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var root = await scope.ListRootAsync(caller, orgId, cancellationToken);
        if (root is null)
        {
            return Problems.NotFound("The organisation");
        }

        var flows = ActiveIn(db, scope, root, inward);
        if (lostContact is { } lost)
        {
            flows = flows.Where(f => (f.LostContactSince != null) == lost);
        }

        var rows = await flows.PageRows(page)
            .Join(db.Members, f => f.MemberId, m => m.Id, (f, m) => new { Flow = f, m.Name })
            .OrderBy(r => r.Flow.Id)
            .ToListAsync(cancellationToken);
        var today = ChinaTime.Today(time);
        return TypedResults.Ok(page.ToPage(rows, r => r.Flow.Id, r => MobileMemberResponse.For(r.Flow, r.Name, today)));
    }

    private static async Task<Results<Ok<PromptList>, ValidationProblem, ProblemHttpResult>> Prompts(
        Guid? orgId, int? limit, Caller caller, MembersDbContext db, ProjectedScope<MembersDbContext> scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var page = PageRequest.Parse(limit, null, errors);
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var root = await scope.ListRootAsync(caller, orgId, cancellationToken);
        if (root is null)
        {
            return Problems.NotFound("The organisation");
        }

        var today = ChinaTime.Today(time);
        var due = Due(ActiveIn(db, scope, root, inward: false), today);
        var rows = await due
            .OrderBy(f => f.From).ThenBy(f => f.Id)
            .Take(page.Limit)
            .Join(db.Members, f => f.MemberId, m => m.Id, (f, m) => new { Flow = f, m.Name })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new PromptList(await due.CountAsync(cancellationToken), [.. rows.Select(r => MobileMemberResponse.For(r.Flow, r.Name, today))]));
    }

    private static async Task<Results<Ok<MobileMembersSummary>, ProblemHttpResult>> Summary(
        Guid? orgId, Caller caller, MembersDbContext db, ProjectedScope<MembersDbContext> scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var root = await scope.ListRootAsync(caller, orgId, cancellationToken);
        if (root is null)
        {
            return Problems.NotFound("The organisation");
        }

        var outward = ActiveIn(db, scope, root, inward: false);
        var today = ChinaTime.Today(time);
        return TypedResults.Ok(new MobileMembersSummary(
            root.Id,
            await outward.CountAsync(cancellationToken),
            await ActiveIn(db, scope, root, inward: true).CountAsync(cancellationToken),
            await outward.CountAsync(f => f.LostContactSince != null, cancellationToken),
            await Due(outward, today).CountAsync(cancellationToken)));
    }

    private static IQueryable<MemberFlow> ActiveIn(MembersDbContext db, ProjectedScope<MembersDbContext> scope, ProjectedOrganisation root, bool inward)
    {
        var subtree = scope.SubtreeIds(root.Path);
        var active = db.Flows.AsNoTracking().Where(f => f.Status == MemberFlowStatus.FlowingOut || f.Status == MemberFlowStatus.FlowingIn);
        return inward
            ? active.Where(f => f.DestinationOrganisationId != null && subtree.Contains(f.DestinationOrganisationId.Value))
            : active.Where(f => subtree.Contains(f.HomeOrganisationId));
    }

    /// <summary>The query form of <see cref="MemberFlow.PromptsTransfer"/>.</summary>
    private static IQueryable<MemberFlow> Due(IQueryable<MemberFlow> active, DateOnly today)
    {
        var awaySince = today.AddMonths(-MemberFlow.TransferPromptMonths);
        return active.Where(f => f.From <= awaySince && (f.DestinationOrganisationId != null || f.DestinationPlace != null));
    }

    private static bool Invalid(FieldErrors errors)
    {
        errors.Add("direction", "must be one of: out, in");
        return false;
    }
}

public sealed record PromptList(int Count, IReadOnlyList<MobileMemberResponse> Items);
