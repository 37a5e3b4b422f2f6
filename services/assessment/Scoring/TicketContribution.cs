using PartyGrid.Assessment.Projections;

namespace PartyGrid.Assessment.Scoring;

/// <summary>
/// What one ticket, with its history, adds to the counts. Taking in (submission, first response,
/// escalation, local resolution) counts at the intake organisation in the month of submission; the
/// first resolution at its resolver in its month, and the deadline then in force at the same resolver
/// (while never resolved, at the current holder) in the month it fell due. Every rating and every
/// reopening is an event that counts in its own month at the organisation whose resolution it judged,
/// so a bad rating stays counted after rectification, and a rectification is due where it was earned.
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

        foreach (var contribution in Resolution(ticket))
        {
            yield return contribution;
        }

        foreach (var rating in ticket.Ratings)
        {
            var month = AssessmentPeriod.Of(rating.At);
            yield return new(rating.OrganisationId, month, Counter.Rated);
            yield return new(rating.OrganisationId, month, Counter.RatingSum, rating.Score);
            yield return new(rating.OrganisationId, month, rating.Score >= 3 ? Counter.SatisfiedRatings : Counter.UnsatisfiedRatings);
        }

        foreach (var reopening in ticket.Reopenings)
        {
            yield return new(reopening.OrganisationId, AssessmentPeriod.Of(reopening.At), Counter.Reopened);
            if (!reopening.Rectification)
            {
                continue;
            }

            var due = AssessmentPeriod.Of(reopening.DueAt);
            yield return new(reopening.OrganisationId, due, Counter.RectificationsDue);
            if (reopening.RectifiedAt is { } rectifiedAt && rectifiedAt <= reopening.DueAt)
            {
                yield return new(reopening.OrganisationId, due, Counter.RectifiedOnTime);
            }
        }
    }

    private static IEnumerable<Contribution> Resolution(AssessedTicket ticket)
    {
        if (ticket.FirstResolution is not { } first)
        {
            // A cancelled ticket was never due; an open one is due where it is now.
            if (ticket.Status != TicketStatus.Cancelled)
            {
                yield return new(ticket.CurrentOrganisationId, AssessmentPeriod.Of(ticket.ResolutionDueAt), Counter.Due);
            }

            yield break;
        }

        var due = AssessmentPeriod.Of(first.DueAt);
        yield return new(first.OrganisationId, due, Counter.Due);
        if (first.At <= first.DueAt)
        {
            yield return new(first.OrganisationId, due, Counter.ResolvedOnTime);
        }

        var resolved = AssessmentPeriod.Of(first.At);
        yield return new(ticket.IntakeOrganisationId, resolved, Counter.TakenInResolved);
        if (ticket.ResolvedLocally)
        {
            yield return new(ticket.IntakeOrganisationId, resolved, Counter.ResolvedLocally);
        }

        yield return new(first.OrganisationId, resolved, Counter.Resolved);
    }
}
