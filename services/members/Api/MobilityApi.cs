using Microsoft.AspNetCore.Http.HttpResults;
using PartyGrid.ServiceDefaults.Hosting;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Persistence;

namespace PartyGrid.Members.Api;

/// <summary>
/// A member's flow (流动党员): the home organisation registers the flow out, the return and lost
/// contact; the destination organisation registers the flow in (for a flow to a place, which names no
/// organisation, the home organisation does).
/// </summary>
public static class MobilityApi
{
    public static RouteGroupBuilder MapMobilityApi(this RouteGroupBuilder api)
    {
        api.MapPost("/{id:guid}/flow-out", FlowOut).WithSummary("Register a member as flowing out (home organisation).");
        api.MapPost("/{id:guid}/flow-in", FlowIn).WithSummary("Register a flowing-out member at the destination: by the destination organisation, or for a flow to a place by the home organisation naming orgId.");
        api.MapPost("/{id:guid}/return", Return).WithSummary("End the member's flow (home organisation).");
        api.MapPost("/{id:guid}/lost-contact", LoseContact).WithSummary("Record that the home organisation has lost contact with a mobile member.");
        return api;
    }

    private static async Task<Results<Ok<MobileMemberResponse>, ValidationProblem, ProblemHttpResult>> FlowOut(
        Guid id, FlowOutRequest request, Caller caller, MembersDbContext db, MemberAccess access, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (FlowOutForm.Read(request, errors) is not { } form)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        if (form.Destination.OrganisationId is { } destinationId
            && await access.DestinationRefusalAsync(destinationId, "destinationOrgId", cancellationToken) is { } unusable)
        {
            return unusable;
        }

        var (member, refusal) = await access.ForChangeAsync(caller, id, cancellationToken);
        if (member is null)
        {
            return refusal!;
        }

        var flow = MemberFlow.Out(member, form.Destination, form.Reason, form.From, form.ExpectedReturn, form.CardNumber, time.GetUtcNow());
        db.Flows.Add(flow);
        return await SaveAsync(db, member, flow, time, cancellationToken);
    }

    private static async Task<Results<Ok<MobileMemberResponse>, ValidationProblem, ProblemHttpResult>> FlowIn(
        Guid id, FlowInRequest? request, Caller caller, MembersDbContext db, MemberAccess access, TimeProvider time, CancellationToken cancellationToken)
    {
        var member = await db.Members.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        var flow = member is null ? null : await ActiveFlowAsync(db, member.Id, cancellationToken);
        if (member is null || flow is null)
        {
            return Problems.NotFound("A flowing member with this id");
        }

        if (await RegistrarRefusalAsync(caller, member, flow, access, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if ((flow.DestinationOrganisationId ?? request?.OrgId) is not { } destinationId)
        {
            return Problems.Field("orgId", "is required: the member flowed out to a place, not an organisation");
        }

        if (await access.DestinationRefusalAsync(destinationId, "orgId", cancellationToken) is { } unusable)
        {
            return unusable;
        }

        flow.In(member, destinationId, request?.On ?? ChinaTime.Today(time), time.GetUtcNow());

        return await SaveAsync(db, member, flow, time, cancellationToken);
    }

    /// <summary>
    /// A flow to an organisation is taken in by that organisation. A flow to a place names no one who
    /// could claim the member, so the home side alone says where the member has turned up. Neither
    /// side in sight: 404, as for no flow at all.
    /// </summary>
    private static async Task<ProblemHttpResult?> RegistrarRefusalAsync(
        Caller caller, Member member, MemberFlow flow, MemberAccess access, CancellationToken cancellationToken)
    {
        var registrar = flow.DestinationOrganisationId ?? member.OrganisationId;
        if (await access.ChangesAsync(caller, registrar, cancellationToken))
        {
            return null;
        }

        return await access.SeesAsync(caller, member.OrganisationId, cancellationToken) || await access.SeesAsync(caller, registrar, cancellationToken)
            ? Problems.Forbidden(flow.DestinationOrganisationId is null
                ? "The member flowed out to a place: the home organisation's org-admin registers where they turned up."
                : "Registering a flow in needs org-admin for the destination organisation.")
            : Problems.NotFound("A flowing member with this id");
    }

    private static Task<Results<Ok<MobileMemberResponse>, ValidationProblem, ProblemHttpResult>> Return(
        Guid id, FlowDateRequest? request, Caller caller, MembersDbContext db, MemberAccess access, TimeProvider time, CancellationToken cancellationToken) =>
        HomeSideAsync(id, caller, db, access, time, (flow, member, today, now) => flow.Return(member, request?.On ?? today, now), cancellationToken);

    private static Task<Results<Ok<MobileMemberResponse>, ValidationProblem, ProblemHttpResult>> LoseContact(
        Guid id, FlowDateRequest? request, Caller caller, MembersDbContext db, MemberAccess access, TimeProvider time, CancellationToken cancellationToken) =>
        HomeSideAsync(id, caller, db, access, time, (flow, member, today, now) => flow.LoseContact(member, request?.On ?? today, now), cancellationToken);

    private static async Task<Results<Ok<MobileMemberResponse>, ValidationProblem, ProblemHttpResult>> HomeSideAsync(
        Guid id, Caller caller, MembersDbContext db, MemberAccess access, TimeProvider time,
        Action<MemberFlow, Member, DateOnly, DateTimeOffset> change, CancellationToken cancellationToken)
    {
        var (member, refusal) = await access.ForChangeAsync(caller, id, cancellationToken);
        if (member is null)
        {
            return refusal!;
        }

        var flow = await ActiveFlowAsync(db, member.Id, cancellationToken);
        if (flow is null)
        {
            return Problems.Of(StatusCodes.Status409Conflict, "not-flowing", "The member is not registered as flowing.");
        }

        change(flow, member, ChinaTime.Today(time), time.GetUtcNow());

        return await SaveAsync(db, member, flow, time, cancellationToken);
    }

    private static Task<MemberFlow?> ActiveFlowAsync(MembersDbContext db, Guid memberId, CancellationToken cancellationToken) =>
        db.Flows.FirstOrDefaultAsync(
            f => f.MemberId == memberId && (f.Status == MemberFlowStatus.FlowingOut || f.Status == MemberFlowStatus.FlowingIn),
            cancellationToken);

    private static async Task<Results<Ok<MobileMemberResponse>, ValidationProblem, ProblemHttpResult>> SaveAsync(
        MembersDbContext db, Member member, MemberFlow flow, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        db.Publish(flow.ToEvent(), now);
        db.Publish(member.ToEvent(), now);
        if (await db.SaveOrProblemAsync(cancellationToken, _ => Problems.Conflict("already-flowing", "The member already has an active flow.")) is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(MobileMemberResponse.For(flow, member.Name, ChinaTime.Today(time)));
    }
}
