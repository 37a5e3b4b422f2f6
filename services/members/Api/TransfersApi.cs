using Microsoft.AspNetCore.Http.HttpResults;
using NpgsqlTypes;
using PartyGrid.ServiceDefaults.Hosting;
using PartyGrid.ServiceDefaults.Idempotency;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Paging;
using PartyGrid.ServiceDefaults.Persistence;

namespace PartyGrid.Members.Api;

/// <summary>
/// Transfers of membership (组织关系转接). The sending side requests; each organisation of the chain
/// decides in turn, acting as the caller's home organisation with <c>org-admin</c>; the target
/// receives. Seen by anyone whose subtree holds either end.
/// </summary>
public static class TransfersApi
{
    public static void MapTransfersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/transfers").WithTags("Transfers");
        api.MapPost("/", Request).WithSummary("Request a member's transfer to another organisation; the approval chain comes from the tree.")
            .WithIdempotency<MembersDbContext, RequestTransferRequest, TransferResponse>();
        api.MapGet("/{id:guid}", Get).WithSummary("One transfer with its steps.");
        api.MapGet("/", List).WithSummary("Transfers from or to an organisation's subtree (awaiting=true: those waiting for the organisation itself).");
        api.MapPost("/{id:guid}/approve", Approve).WithSummary("The current step's organisation approves.");
        api.MapPost("/{id:guid}/reject", Reject).WithSummary("The current step's organisation rejects, with a reason.");
        api.MapPost("/{id:guid}/receive", Receive).WithSummary("The target organisation receives the member: the transfer completes.");
        api.MapPost("/{id:guid}/cancel", Cancel).WithSummary("The sending side withdraws the request, before the first approval.");
    }

    private static async Task<Results<Created<TransferResponse>, ValidationProblem, ProblemHttpResult>> Request(
        RequestTransferRequest request, Caller caller, MembersDbContext db, MemberAccess access, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var memberId = errors.Required("memberId", request.MemberId);
        var toOrgId = errors.Required("toOrgId", request.ToOrgId);
        var reason = errors.Required("reason", request.Reason, 500);
        if (request.ValidDays is not { } validDays || !Transfer.AllowedValidDays.Contains(validDays))
        {
            errors.Add("validDays", $"must be one of: {string.Join(", ", Transfer.AllowedValidDays.Order())}");
        }

        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var target = await access.Scope.FindAsync(toOrgId!.Value, cancellationToken);
        if (target is null)
        {
            return Problems.Field("toOrgId", "no such organisation");
        }

        var (member, refusal) = await access.ForChangeAsync(caller, memberId!.Value, cancellationToken);
        if (member is null)
        {
            return refusal!;
        }

        target.EnsureTakesNewWork("transferred members");

        var source = await access.Scope.FindAsync(member.OrganisationId, cancellationToken);
        var chain = TransferChain.Between(Ids(source!.Path), Ids(target.Path));
        var transfer = Transfer.Request(member, target.Id, chain, reason!, request.ValidDays!.Value, caller.Subject, ChinaTime.Today(time), time.GetUtcNow());
        db.Transfers.Add(transfer);
        return await db.SaveOrProblemAsync(cancellationToken, _ => Problems.Conflict("transfer-open", "The member already has a transfer in progress.")) is { } problem
            ? problem
            : TypedResults.Created($"/api/v1/transfers/{transfer.Id}", TransferResponse.From(transfer));
    }

    private static async Task<Results<Ok<TransferResponse>, ProblemHttpResult>> Get(
        Guid id, Caller caller, MembersDbContext db, MemberAccess access, CancellationToken cancellationToken)
    {
        var transfer = await db.Transfers.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        return transfer is not null && await SeesAsync(caller, access, transfer, cancellationToken)
            ? TypedResults.Ok(TransferResponse.From(transfer))
            : Problems.NotFound("The transfer");
    }

    private static async Task<Results<Ok<Page<TransferResponse>>, ValidationProblem, ProblemHttpResult>> List(
        Guid? orgId, string? status, bool? awaiting, int? limit, string? cursor,
        Caller caller, MembersDbContext db, MemberAccess access, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var statusFilter = errors.Enum<TransferStatus>("status", status, required: false);
        var page = PageRequest.Parse(limit, cursor, errors);
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var root = await access.Scope.ListRootAsync(caller, orgId, cancellationToken);
        if (root is null)
        {
            return Problems.NotFound("The organisation");
        }

        var rows = db.Transfers.AsNoTracking();
        if (awaiting == true)
        {
            rows = rows.Where(t => t.AwaitingOrganisationId == root.Id);
        }
        else
        {
            var subtree = access.Scope.SubtreeIds(root.Path);
            rows = rows.Where(t => subtree.Contains(t.FromOrganisationId) || subtree.Contains(t.ToOrganisationId));
        }

        if (statusFilter is { } s)
        {
            rows = rows.Where(t => t.Status == s);
        }

        return TypedResults.Ok(await rows.ToPageAsync(page, TransferResponse.From, cancellationToken));
    }

    private static Task<Results<Ok<TransferResponse>, ValidationProblem, ProblemHttpResult>> Approve(
        Guid id, TransferDecisionRequest? request, Caller caller, MembersDbContext db, MemberAccess access, TimeProvider time, CancellationToken cancellationToken) =>
        DecideAsync(id, caller, db, access, time, (transfer, acting, at) =>
        {
            transfer.Approve(acting, caller.Subject, request?.Comment, at.Today, at.Now);
            return Task.CompletedTask;
        }, cancellationToken);

    private static async Task<Results<Ok<TransferResponse>, ValidationProblem, ProblemHttpResult>> Reject(
        Guid id, TransferDecisionRequest request, Caller caller, MembersDbContext db, MemberAccess access, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var reason = errors.Required("reason", request.Reason, 500);
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        return await DecideAsync(id, caller, db, access, time, (transfer, acting, at) =>
        {
            transfer.Reject(acting, caller.Subject, reason!, at.Today, at.Now);
            return Task.CompletedTask;
        }, cancellationToken);
    }

    private static Task<Results<Ok<TransferResponse>, ValidationProblem, ProblemHttpResult>> Receive(
        Guid id, Caller caller, MembersDbContext db, MemberAccess access, TimeProvider time, CancellationToken cancellationToken) =>
        DecideAsync(id, caller, db, access, time, async (transfer, acting, at) =>
        {
            var member = await db.Members.FirstAsync(m => m.Id == transfer.MemberId, cancellationToken);
            db.Publish(transfer.Receive(member, acting, caller.Subject, at.Today, at.Now), at.Now);
            db.Publish(member.ToEvent(), at.Now);
        }, cancellationToken);

    private static async Task<Results<Ok<TransferResponse>, ValidationProblem, ProblemHttpResult>> Cancel(
        Guid id, TransferDecisionRequest? request, Caller caller, MembersDbContext db, MemberAccess access, TimeProvider time, CancellationToken cancellationToken)
    {
        var transfer = await db.Transfers.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (transfer is null || !await SeesAsync(caller, access, transfer, cancellationToken))
        {
            return Problems.NotFound("The transfer");
        }

        if (!await access.ChangesAsync(caller, transfer.FromOrganisationId, cancellationToken))
        {
            return Problems.Forbidden("Only the sending side (org-admin over the member's organisation) cancels a transfer.");
        }

        transfer.Cancel(request?.Reason ?? "Withdrawn by the sending organisation.", ChinaTime.Today(time), time.GetUtcNow());

        return await db.SaveOrProblemAsync(cancellationToken) is { } problem ? problem : TypedResults.Ok(TransferResponse.From(transfer));
    }

    /// <summary>
    /// A decision by the caller's organisation on its step. Admin decides the current step on that
    /// organisation's behalf (recorded under the admin's name).
    /// </summary>
    private static async Task<Results<Ok<TransferResponse>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        Guid id, Caller caller, MembersDbContext db, MemberAccess access, TimeProvider time,
        Func<Transfer, Guid, MemberChangeContext, Task> decide, CancellationToken cancellationToken)
    {
        var transfer = await db.Transfers.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (transfer is null || !await SeesAsync(caller, access, transfer, cancellationToken))
        {
            return Problems.NotFound("The transfer");
        }

        if (!caller.HasRole(Roles.OrgAdmin))
        {
            return Problems.Forbidden("Deciding on a transfer needs org-admin of the deciding organisation.");
        }

        var acting = caller.IsAdmin ? transfer.CurrentStep?.OrganisationId ?? caller.HomeOrganisationId : caller.HomeOrganisationId;
        try
        {
            await decide(transfer, acting, new MemberChangeContext(ChinaTime.Today(time), time.GetUtcNow(), db, cancellationToken));
        }
        catch (TransferForbiddenException ex)
        {
            return Problems.Forbidden(ex.Message);
        }

        return await db.SaveOrProblemAsync(cancellationToken) is { } problem ? problem : TypedResults.Ok(TransferResponse.From(transfer));
    }

    private static async Task<bool> SeesAsync(Caller caller, MemberAccess access, Transfer transfer, CancellationToken cancellationToken) =>
        await access.SeesAsync(caller, transfer.FromOrganisationId, cancellationToken)
        || await access.SeesAsync(caller, transfer.ToOrganisationId, cancellationToken);

    /// <summary>The organisation ids of a path, root first (labels are ids without dashes).</summary>
    private static Guid[] Ids(LTree path) => [.. path.ToString().Split('.').Select(label => Guid.ParseExact(label, "N"))];
}
