using PartyGrid.Contracts;

namespace PartyGrid.Testing;

/// <summary>
/// Ticket snapshots as the tickets service would publish them, with only what a test cares about named;
/// resolved locally as tickets decides it (at the intake's level, a group's at its village).
/// </summary>
public static class TicketSnapshots
{
    public static TicketChanged Ticket(
        Guid intake,
        OrganisationTier intakeTier,
        DateTimeOffset submittedAt,
        DateTimeOffset resolutionDueAt,
        Guid? id = null,
        Guid? current = null,
        OrganisationTier? currentTier = null,
        TicketStatus status = TicketStatus.Submitted,
        bool respondedOnTime = false,
        DateTimeOffset? resolvedAt = null,
        int escalations = 0,
        int reopens = 0,
        int? rating = null,
        long version = 1)
    {
        var holder = current ?? intake;
        var holderTier = currentTier ?? intakeTier;
        var resolved = resolvedAt is not null;
        return new TicketChanged(
            id ?? Guid.NewGuid(), "PG-2026-000001", TicketCategory.Dispute, "land-dispute", TicketChannel.Phone, TicketPriority.Normal,
            intake, intakeTier, holder, holderTier, status,
            submittedAt, respondedOnTime ? submittedAt.AddHours(1) : null, resolvedAt, status == TicketStatus.Closed ? resolvedAt : null,
            submittedAt.AddDays(1), resolutionDueAt, resolved ? holder : null, resolved ? holderTier : null,
            escalations, reopens, rating, false, version, respondedOnTime,
            ResolvedLocally: resolved && (holderTier == intakeTier || (intakeTier, holderTier) == (OrganisationTier.Group, OrganisationTier.Village)));
    }
}
