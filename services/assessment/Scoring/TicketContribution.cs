using PartyGrid.Assessment.Projections;

namespace PartyGrid.Assessment.Scoring;

/// <summary>
/// What one ticket, as it now is, adds to the counts. Taking in (submission, first response,
/// escalation, local resolution) counts at the intake organisation; resolving (resolution, rating,
/// rectification) at the organisation that resolved it; the deadline at whoever answers for the ticket
/// — the resolver, or while open the current holder — in the month it fell due.
/// </summary>
public static class TicketContribution
{
    public static IEnumerable<Contribution> Of(AssessedTicket? ticket)
    {
        if (ticket is null)
        {
            yield break;
        }

        var intake = ticket.IntakeOrganisationId;
        var submitted = AssessmentPeriod.Of(ticket.SubmittedAt);
        yield return new(intake, submitted, Counter.Submitted);
        if (ticket.RespondedOnTime)
        {
            yield return new(intake, submitted, Counter.RespondedOnTime);
        }

        if (ticket.EscalationCount > 0)
        {
            yield return new(intake, submitted, Counter.Escalated);
        }

        if (ticket.Status == TicketStatus.Cancelled)
        {
            yield break;
        }

        var answerable = ticket.ResolvedOrganisationId ?? ticket.CurrentOrganisationId;
        var due = AssessmentPeriod.Of(ticket.ResolutionDueAt);
        yield return new(answerable, due, Counter.Due);
        if (ticket.ResolvedAt is { } resolvedAt && resolvedAt <= ticket.ResolutionDueAt)
        {
            yield return new(answerable, due, Counter.ResolvedOnTime);
        }

        if (ticket is not { ResolvedAt: { } at, ResolvedOrganisationId: { } resolver })
        {
            yield break;
        }

        var resolved = AssessmentPeriod.Of(at);
        yield return new(intake, resolved, Counter.TakenInResolved);
        if (ticket.ResolvedLocally)
        {
            yield return new(intake, resolved, Counter.ResolvedLocally);
        }

        yield return new(resolver, resolved, Counter.Resolved);
        if (ticket.ReopenCount > 0)
        {
            yield return new(resolver, resolved, Counter.Reopened);
        }

        if (ticket.Rating is { } rating)
        {
            yield return new(resolver, resolved, Counter.Rated);
            yield return new(resolver, resolved, Counter.RatingSum, rating);
            if (rating >= 3)
            {
                yield return new(resolver, resolved, Counter.SatisfiedRatings);
            }
        }
    }

}
