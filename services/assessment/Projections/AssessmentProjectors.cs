using Microsoft.EntityFrameworkCore;
using PartyGrid.Assessment.Data;
using PartyGrid.Contracts;
using PartyGrid.ServiceDefaults.Messaging;

namespace PartyGrid.Assessment.Projections;

// Each projector replaces a row only with a newer snapshot (WHERE version < EXCLUDED.version), in one
// statement, alongside the inbox record: duplicates, reordering and concurrent deliveries all end in
// the newest snapshot. Assessment is fed by events alone.

public sealed class TicketProjector(AssessmentDbContext db, TimeProvider time, ILogger<TicketProjector> logger)
    : InboxConsumer<TicketChanged, AssessmentDbContext>(db, time, logger)
{
    protected override string ConsumerName => "ticket-projection";

    protected override async Task HandleAsync(TicketChanged m, CancellationToken cancellationToken) =>
        await Db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO assessed_tickets (id, number, category, channel, intake_organisation_id, intake_tier, current_organisation_id, current_tier,
                status, submitted_at, accepted_at, resolved_at, closed_at, response_due_at, resolution_due_at, resolved_organisation_id, resolved_tier,
                escalation_count, reopen_count, rating, supervised, version)
            VALUES ({m.Id}, {m.Number}, {WireName.Of(m.Category)}, {WireName.Of(m.Channel)}, {m.IntakeOrganisationId}, {WireName.Of(m.IntakeTier)},
                {m.CurrentOrganisationId}, {WireName.Of(m.CurrentTier)}, {WireName.Of(m.Status)}, {m.SubmittedAt}, {m.AcceptedAt}, {m.ResolvedAt},
                {m.ClosedAt}, {m.ResponseDueAt}, {m.ResolutionDueAt}, {m.ResolvedOrganisationId}, {(m.ResolvedTier is { } t ? WireName.Of(t) : null)},
                {m.EscalationCount}, {m.ReopenCount}, {m.Rating}, {m.Supervised}, {m.Version})
            ON CONFLICT (id) DO UPDATE SET
                current_organisation_id = EXCLUDED.current_organisation_id, current_tier = EXCLUDED.current_tier, status = EXCLUDED.status,
                accepted_at = EXCLUDED.accepted_at, resolved_at = EXCLUDED.resolved_at, closed_at = EXCLUDED.closed_at,
                response_due_at = EXCLUDED.response_due_at, resolution_due_at = EXCLUDED.resolution_due_at,
                resolved_organisation_id = EXCLUDED.resolved_organisation_id, resolved_tier = EXCLUDED.resolved_tier,
                escalation_count = EXCLUDED.escalation_count, reopen_count = EXCLUDED.reopen_count, rating = EXCLUDED.rating,
                supervised = EXCLUDED.supervised, version = EXCLUDED.version
            WHERE assessed_tickets.version < EXCLUDED.version
            """,
            cancellationToken);
}

public sealed class MemberProjector(AssessmentDbContext db, TimeProvider time, ILogger<MemberProjector> logger)
    : InboxConsumer<MemberChanged, AssessmentDbContext>(db, time, logger)
{
    protected override string ConsumerName => "member-projection";

    protected override async Task HandleAsync(MemberChanged m, CancellationToken cancellationToken) =>
        await Db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO assessed_members (id, organisation_id, status, needs_support, flow, lost_contact, version)
            VALUES ({m.Id}, {m.OrganisationId}, {WireName.Of(m.Status)}, {m.NeedsSupport}, {WireName.Of(m.Flow)}, {m.LostContact}, {m.Version})
            ON CONFLICT (id) DO UPDATE SET
                organisation_id = EXCLUDED.organisation_id, status = EXCLUDED.status, needs_support = EXCLUDED.needs_support,
                flow = EXCLUDED.flow, lost_contact = EXCLUDED.lost_contact, version = EXCLUDED.version
            WHERE assessed_members.version < EXCLUDED.version
            """,
            cancellationToken);
}

public sealed class PairingProjector(AssessmentDbContext db, TimeProvider time, ILogger<PairingProjector> logger)
    : InboxConsumer<PairingChanged, AssessmentDbContext>(db, time, logger)
{
    protected override string ConsumerName => "pairing-projection";

    protected override async Task HandleAsync(PairingChanged m, CancellationToken cancellationToken) =>
        await Db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO assessed_pairings (id, urban_organisation_id, rural_organisation_id, status, overall_progress, overdue_commitments, version)
            VALUES ({m.Id}, {m.UrbanOrganisationId}, {m.RuralOrganisationId}, {WireName.Of(m.Status)}, {m.OverallProgress}, {m.OverdueCommitments}, {m.Version})
            ON CONFLICT (id) DO UPDATE SET
                status = EXCLUDED.status, overall_progress = EXCLUDED.overall_progress,
                overdue_commitments = EXCLUDED.overdue_commitments, version = EXCLUDED.version
            WHERE assessed_pairings.version < EXCLUDED.version
            """,
            cancellationToken);
}

public sealed class ServiceSiteProjector(AssessmentDbContext db, TimeProvider time, ILogger<ServiceSiteProjector> logger)
    : InboxConsumer<ServiceSiteChanged, AssessmentDbContext>(db, time, logger)
{
    protected override string ConsumerName => "service-site-projection";

    protected override async Task HandleAsync(ServiceSiteChanged m, CancellationToken cancellationToken) =>
        await Db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO assessed_service_sites (organisation_id, tier, open, version)
            VALUES ({m.OrganisationId}, {WireName.Of(m.Tier)}, {m.Open}, {m.Version})
            ON CONFLICT (organisation_id) DO UPDATE SET tier = EXCLUDED.tier, open = EXCLUDED.open, version = EXCLUDED.version
            WHERE assessed_service_sites.version < EXCLUDED.version
            """,
            cancellationToken);
}
