using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PartyGrid.ServiceDefaults.Hosting;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Persistence;
using PartyGrid.ServiceDefaults.PersonalData;
using PartyGrid.ServiceDefaults.Projections;
using PartyGrid.Tickets.Catalogue;

namespace PartyGrid.Tickets.Api;

/// <summary>Who may make a change: staff where the ticket now is, or staff of any subtree that can read it.</summary>
public enum TicketRight
{
    Work = 1,
    Follow = 2,

    /// <summary>Give the requester's rating: staff, through the requester's channel (<see cref="Ticket.MayBeRatedBy"/>).</summary>
    Rate = 3,
}

/// <summary>
/// The one way a ticket changes through the API: load (404 unseen, 403 not allowed), apply the
/// domain step, publish <c>TicketChanged</c> and whatever the step raised, save, answer.
/// </summary>
public sealed class TicketChanges(
    TicketsDbContext db,
    TicketAccess access,
    TicketReferenceData reference,
    PersonalDataProtector protector,
    TicketMetrics metrics,
    IOptions<TicketOptions> options,
    TimeProvider time)
{
    public async Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> ApplyAsync(
        Caller caller, Guid id, TicketAction action, Func<Ticket, TicketChangeContext, Task> change, CancellationToken cancellationToken)
    {
        var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (ticket is null || !await access.SeesAsync(caller, ticket, cancellationToken))
        {
            return Problems.NotFound("The ticket");
        }

        var right = TicketAccess.RightFor(action);
        if (!await access.HoldsAsync(caller, ticket, right, cancellationToken))
        {
            return Problems.Forbidden(right switch
            {
                TicketRight.Work => "Working a ticket needs staff of the subtree that holds it now (or admin).",
                TicketRight.Rate => "The rating is the requester's: given through the partner system that submitted the matter, or by staff other than the site that resolved it.",
                _ => "This needs the staff role.",
            });
        }

        var snapshot = await reference.CurrentAsync(cancellationToken);
        var now = time.StoredNow();
        var context = new TicketChangeContext(
            new TicketClock(snapshot.Calendar, ticket.Deadlines, ticket.Priority), new Actor(caller.Subject), now, options.Value, this, cancellationToken);
        var before = ticket.Status;
        await change(ticket, context);

        db.Publish(ticket.ToEvent(), now);
        if (await db.SaveOrProblemAsync(cancellationToken) is { } problem)
        {
            return problem;
        }

        if (ticket.Status == TicketStatus.Resolved && before != TicketStatus.Resolved)
        {
            metrics.Resolved(ticket.CurrentTier);
        }

        return TypedResults.Ok(TicketResponse.From(ticket, caller, protector, now, await access.ActionsAsync(caller, ticket, cancellationToken)));
    }

    /// <summary>
    /// The assignee must be an active member, or a service team, at or under the site holding the
    /// ticket, whoever assigns: unknown and out-of-scope ids get the same answer.
    /// </summary>
    public async Task AssignAsync(Ticket ticket, TicketAssignee assignee, TicketChangeContext at)
    {
        if (assignee.IsTeam)
        {
            if (!await db.ServiceTeamUnderAsync(assignee.Id, ticket.CurrentOrganisationId, at.CancellationToken))
            {
                throw new FieldRuleException("teamId", "no such service team at or under the site holding the ticket");
            }

            ticket.AssignToTeam(assignee.Id, at.Actor, at.Now);
            return;
        }

        if (!await db.ActiveMemberUnderAsync(assignee.Id, ticket.CurrentOrganisationId, at.CancellationToken))
        {
            throw new FieldRuleException("memberId", "no such member at or under the site holding the ticket");
        }

        ticket.Assign(assignee.Id, at.Actor, at.Now);
    }

    public Task EscalateAsync(Ticket ticket, string reason, TicketChangeContext at) =>
        EscalationStep.EscalateAsync(db, ticket, (id, ct) => EscalationStep.SiteAboveAsync(access.Scope, id, ct), reason, automatic: false, at.Clock, at.Actor, metrics, at.Now, at.CancellationToken);
}

/// <summary>Who a ticket is handed to: a member, or a service team.</summary>
public sealed record TicketAssignee(Guid Id, bool IsTeam);

public sealed record TicketChangeContext(TicketClock Clock, Actor Actor, DateTimeOffset Now, TicketOptions Options, TicketChanges Changes, CancellationToken CancellationToken);
