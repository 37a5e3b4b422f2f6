using System.Globalization;
using PartyGrid.Assessment.Projections;
using PartyGrid.ServiceDefaults.Hosting;

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
    /// <summary>The counters a ticket can add to: the ones a scorecard can list the tickets behind.</summary>
    public static readonly IReadOnlySet<Counter> Listable = new HashSet<Counter>
    {
        Counter.Submitted, Counter.RespondedOnTime, Counter.Escalated, Counter.TakenInResolved, Counter.ResolvedLocally, Counter.Due,
        Counter.ResolvedOnTime, Counter.Resolved, Counter.Rated, Counter.SatisfiedRatings, Counter.UnsatisfiedRatings, Counter.RatingSum,
        Counter.Reopened, Counter.RectificationsDue, Counter.RectifiedOnTime,
    };

    public static IEnumerable<Contribution> Of(AssessedTicket? ticket) => Explained(ticket, explain: false).Select(e => e.Contribution);

    /// <summary>The same contributions, each with the reason staff read when they list the tickets behind a count.</summary>
    public static IEnumerable<(Contribution Contribution, string? Reason)> Explained(AssessedTicket? ticket, bool explain = true)
    {
        if (ticket is null)
        {
            yield break;
        }

        var intake = ticket.IntakeOrganisationId;
        var submitted = AssessmentPeriod.Of(ticket.SubmittedAt);
        var taken = explain ? $"{Day(ticket.SubmittedAt)} 受理" : null;
        yield return (new(intake, submitted, Counter.Submitted), taken);
        if (ticket.RespondedOnTime)
        {
            yield return (new(intake, submitted, Counter.RespondedOnTime), explain ? $"{taken}，按时签收" : null);
        }

        if (ticket.EscalationCount > 0)
        {
            yield return (new(intake, submitted, Counter.Escalated), explain ? $"{taken}，上报 {ticket.EscalationCount} 次" : null);
        }

        foreach (var contribution in Resolution(ticket, explain))
        {
            yield return contribution;
        }

        foreach (var rating in ticket.Ratings)
        {
            var month = AssessmentPeriod.Of(rating.At);
            var rated = explain ? $"{Day(rating.At)} 评价 {rating.Score} 分" : null;
            yield return (new(rating.OrganisationId, month, Counter.Rated), rated);
            yield return (new(rating.OrganisationId, month, Counter.RatingSum, rating.Score), rated);
            yield return (new(rating.OrganisationId, month, rating.Score >= 3 ? Counter.SatisfiedRatings : Counter.UnsatisfiedRatings), rated);
        }

        foreach (var reopening in ticket.Reopenings)
        {
            yield return (new(reopening.OrganisationId, AssessmentPeriod.Of(reopening.At), Counter.Reopened),
                explain ? $"{Day(reopening.At)} 重新办理：{reopening.Reason}" : null);
            if (!reopening.Rectification)
            {
                continue;
            }

            var due = AssessmentPeriod.Of(reopening.DueAt);
            var rectification = explain
                ? $"整改期限 {Day(reopening.DueAt)}，{(reopening.RectifiedAt is { } at ? $"{Day(at)} 办结" : "尚未办结")}"
                : null;
            yield return (new(reopening.OrganisationId, due, Counter.RectificationsDue), rectification);
            if (reopening.RectifiedAt is { } rectifiedAt && rectifiedAt <= reopening.DueAt)
            {
                yield return (new(reopening.OrganisationId, due, Counter.RectifiedOnTime), rectification);
            }
        }
    }

    private static IEnumerable<(Contribution, string?)> Resolution(AssessedTicket ticket, bool explain)
    {
        if (ticket.FirstResolution is not { } first)
        {
            // A cancelled ticket was never due; an open one is due where it is now.
            if (ticket.Status != TicketStatus.Cancelled)
            {
                yield return (new(ticket.CurrentOrganisationId, AssessmentPeriod.Of(ticket.ResolutionDueAt), Counter.Due),
                    explain ? $"办理期限 {Day(ticket.ResolutionDueAt)}，尚未办结" : null);
            }

            yield break;
        }

        var due = AssessmentPeriod.Of(first.DueAt);
        var judged = explain ? $"办理期限 {Day(first.DueAt)}，{Day(first.At)} 办结" : null;
        yield return (new(first.OrganisationId, due, Counter.Due), judged);
        if (first.At <= first.DueAt)
        {
            yield return (new(first.OrganisationId, due, Counter.ResolvedOnTime), judged);
        }

        var resolved = AssessmentPeriod.Of(first.At);
        var settled = explain ? $"{Day(first.At)} 办结" : null;
        yield return (new(ticket.IntakeOrganisationId, resolved, Counter.TakenInResolved), settled);
        if (ticket.ResolvedLocally)
        {
            yield return (new(ticket.IntakeOrganisationId, resolved, Counter.ResolvedLocally), explain ? $"{settled}，就地办结" : null);
        }

        yield return (new(first.OrganisationId, resolved, Counter.Resolved), settled);
    }

    private static string Day(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, ChinaTime.Zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
