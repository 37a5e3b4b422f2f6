using PartyGrid.ServiceDefaults.Persistence;

namespace PartyGrid.Tickets.Domain;

/// <summary>
/// The four-level rule (小事不出村、大事不出镇、难事不出县、矛盾不上交): a ticket beyond a site's authority
/// or past its resolution deadline goes to the parent organisation's site, which starts its own
/// deadlines and must accept it; at the county there is no higher site, so an overdue ticket is put
/// under supervision (督办) instead, and never leaves the system.
/// </summary>
public sealed partial class Ticket
{
    /// <summary>Tickets still to be settled and not waiting on the requester: they escalate, fall overdue and are counted open.</summary>
    public static readonly StatusSet<TicketStatus> Open = new(TicketStatus.Submitted, TicketStatus.Accepted, TicketStatus.InProgress, TicketStatus.Reopened);

    /// <summary>Moves the ticket to <paramref name="parent"/>; null parent (the county) is refused for a handler.</summary>
    public TicketEscalated Escalate(OrganisationAt? parent, string reason, bool automatic, TicketClock clock, Actor actor, DateTimeOffset now)
    {
        Require(TicketAction.Escalate);
        if (parent is null)
        {
            throw DomainRuleException.IllegalState("top-tier", "The county is the top of the network; an overdue ticket there is supervised, not escalated.");
        }

        var from = new OrganisationAt(CurrentOrganisationId, CurrentTier);
        CurrentOrganisationId = parent.Id;
        CurrentTier = parent.Tier;
        EscalationCount++;
        AssignedMemberId = null;
        AssignedTeamId = null;
        StartDeadlines(clock, now);
        if (Handlers.All(h => h.OrganisationId != parent.Id))
        {
            Handlers.Add(new TicketHandler(Id, parent.Id));
        }

        Move(TicketStatus.Submitted, automatic ? "escalated-automatically" : "escalated", actor, now, reason);
        return new TicketEscalated(Id, from.Id, from.Tier, parent.Id, parent.Tier, automatic, false, reason, now, EscalationCount, Version);
    }

    /// <summary>督办 at the county: flagged once, and the ticket stays where it is.</summary>
    public TicketEscalated? Supervise(string reason, Actor actor, DateTimeOffset now)
    {
        if (Supervised || !Open.Contains(Status))
        {
            return null;
        }

        Supervised = true;
        Record("supervised", actor, Status, now, reason);
        return new TicketEscalated(Id, CurrentOrganisationId, CurrentTier, CurrentOrganisationId, CurrentTier, true, true, reason, now, EscalationCount, Version);
    }

    /// <summary>Past the resolution deadline while open (not suspended, not settled): listed, counted and flagged overdue.</summary>
    public static readonly QueryRule<Ticket, DateTimeOffset> Overdue = new((t, now) => Open.Members.Contains(t.Status) && t.ResolutionDueAt <= now);

    public bool IsOverdue(DateTimeOffset now) => Overdue.Holds(this, now);

    public TicketChanged ToEvent() => new(
        Id, Number, Category, Item, Channel, Priority, IntakeOrganisationId, IntakeTier, CurrentOrganisationId, CurrentTier, Status,
        SubmittedAt, AcceptedAt, ResolvedAt, ClosedAt, ResponseDueAt, ResolutionDueAt, ResolvedOrganisationId, ResolvedTier,
        EscalationCount, ReopenCount, Rating, Supervised, Version, RespondedOnTime, LocalSettlement.Of(this), Title,
        FirstResolvedAt is { } firstAt ? new TicketResolution(firstAt, FirstResolvedOrganisationId!.Value, FirstResolvedTier!.Value, FirstResolutionDueAt!.Value) : null,
        Ratings, Reopenings, Imported, SubmittedBy, ExternalRef, Resolution, Timeline.Count > 0 ? Timeline.Max(e => e.At) : SubmittedAt, IssuedRatingLink);
}
