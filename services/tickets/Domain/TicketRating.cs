namespace PartyGrid.Tickets.Domain;

/// <summary>
/// 好差评 and 整改: who rates a resolved ticket, what a rating does, and reopening — by a bad rating
/// (a rectification with its own deadline) or by hand. Ratings and reopenings are kept as history,
/// because each counts in the month it happened.
/// </summary>
public sealed partial class Ticket
{
    /// <summary>
    /// Who gives the requester's rating (好差评): the channel the matter came through — the partner
    /// system that submitted it, and no one else; for a matter taken in by staff, staff anywhere but
    /// at the site that resolved it, because no one rates their own work.
    /// </summary>
    public bool MayBeRatedBy(Rater rater) => SubmittedBy.StartsWith(PartyGridClaims.PartnerSubjectPrefix, StringComparison.Ordinal)
        ? rater.Subject == SubmittedBy
        : !rater.IsPartner && rater.HomeOrganisationId != ResolvedOrganisationId;

    /// <summary>好差评: 1–2 reopens the ticket for rectification (整改) with its own deadline, 3–5 closes it; every rating stays in <see cref="Ratings"/>.</summary>
    public void Rate(int score, string? comment, TicketClock clock, Actor actor, DateTimeOffset now)
    {
        Require(TicketAction.Rate);
        if (score is < 1 or > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(score), "A rating is 1 to 5.");
        }

        Rating = score;
        RatingComment = comment;
        Ratings = [.. Ratings, new TicketRating(score, now, ResolvedOrganisationId!.Value)];
        if (score <= 2)
        {
            Reopen($"rated {score}: rectification", clock, actor, now, rectification: true);
            return;
        }

        ClosedAt = now;
        Move(TicketStatus.Closed, "rated", actor, now, $"{score}{(comment is null ? string.Empty : ": " + comment)}");
    }

    /// <summary>
    /// Reopens a resolved or closed ticket. A <paramref name="rectification"/> (after a bad rating) is
    /// due within the catalogue item's rectification days, other reopenings within the tier's deadline.
    /// </summary>
    public void Reopen(string reason, TicketClock clock, Actor actor, DateTimeOffset now, bool rectification = false)
    {
        Require(TicketAction.Reopen);
        var reopenedOrganisation = ResolvedOrganisationId ?? CurrentOrganisationId;
        ReopenCount++;
        ResolvedAt = null;
        ClosedAt = null;
        AutoCloseAt = null;
        Resolution = null;
        ResolvedOrganisationId = null;
        ResolvedTier = null;
        StartDeadlines(clock, now);
        if (rectification)
        {
            (ResolutionDueAt, ResolutionWarnAt) = clock.Rectification(now);
        }

        Reopenings = [.. Reopenings, new TicketReopening(now, reason, reopenedOrganisation, ResolutionDueAt, null, rectification)];
        Move(TicketStatus.Reopened, "reopened", actor, now, reason);
    }
}
