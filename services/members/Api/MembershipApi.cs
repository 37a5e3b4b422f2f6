using Microsoft.AspNetCore.Http.HttpResults;

namespace PartyGrid.Members.Api;

/// <summary>Conversion to full membership (转正) and leaving.</summary>
public static class MembershipApi
{
    public static RouteGroupBuilder MapMembershipApi(this RouteGroupBuilder api)
    {
        api.MapPost("/{id:guid}/full-membership", Convert).WithSummary("Convert a probationary member to full membership (转正), on a date at or after the end of probation.");
        api.MapPost("/{id:guid}/leave", Leave).WithSummary("Record that a member has left, with the reason; they leave their service teams.");
        return api;
    }

    private static Task<Results<Ok<MemberResponse>, ValidationProblem, ProblemHttpResult>> Convert(
        Guid id, FullMembershipRequest? request, Caller caller, MemberChanges changes, HttpResponse response, CancellationToken cancellationToken) =>
        changes.ApplyAsync(caller, id, response, (member, at) => member.ConvertToFull(request?.On ?? at.Today, at.Today, at.Now), cancellationToken);

    private static async Task<Results<Ok<MemberResponse>, ValidationProblem, ProblemHttpResult>> Leave(
        Guid id, LeaveRequest request, Caller caller, MemberChanges changes, HttpResponse response, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var reason = errors.Required("reason", request.Reason, 500);
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        return await changes.ApplyAsync(caller, id, response, async (member, at) =>
        {
            var on = request.On ?? at.Today;
            if (on > at.Today)
            {
                throw new DomainRuleException("date-in-future", "Leaving is recorded once it has happened.");
            }

            // Open work on the member is closed deliberately first, not dropped silently with them.
            var open = Transfer.Open.Members;
            if (await at.Db.Transfers.AnyAsync(t => t.MemberId == member.Id && open.Contains(t.Status), at.CancellationToken))
            {
                throw DomainRuleException.IllegalState("transfer-open", "The member has a transfer in progress; cancel or reject it first.");
            }

            if (member.Flow != MemberFlowStatus.None)
            {
                throw DomainRuleException.IllegalState("flow-active", "The member is registered as flowing; record the return first.");
            }

            member.Leave(on, reason!, at.Now);
            var memberships = await at.Db.Set<ServiceTeamMembership>().Where(m => m.MemberId == member.Id).ToListAsync(at.CancellationToken);
            at.Db.RemoveRange(memberships);
        }, cancellationToken);
    }
}
