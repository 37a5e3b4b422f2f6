using Microsoft.EntityFrameworkCore;
using PartyGrid.Assessment.Data;
using PartyGrid.Assessment.Scoring;
using PartyGrid.Contracts;
using PartyGrid.ServiceDefaults.Messaging;

namespace PartyGrid.Assessment.Projections;

// A projector replaces a row only with a newer snapshot, alongside the inbox record: duplicates,
// reordering and concurrent deliveries all end in the newest snapshot. Where a row feeds the counts,
// the projector locks it, withdraws what the old snapshot contributed and adds what the new one does,
// in the same transaction; two first deliveries racing to insert meet the primary key, and the loser
// is retried, finding the winner's row. Assessment is fed by events alone.

internal static class Snapshot
{
    /// <summary>Stages the newer snapshot: an insert when there was none (a racing twin fails on the key), else an update of the locked row.</summary>
    public static void Replace<T>(DbContext db, T? old, T row)
        where T : class
    {
        if (old is null)
        {
            db.Add(row);
        }
        else
        {
            db.Update(row);
        }
    }
}

public sealed class TicketProjector(AssessmentDbContext db, TimeProvider time, ILogger<TicketProjector> logger)
    : InboxConsumer<TicketChanged, AssessmentDbContext>(db, time, logger)
{
    protected override string ConsumerName => "ticket-projection";

    protected override async Task HandleAsync(TicketChanged m, CancellationToken cancellationToken)
    {
        var old = await Db.Tickets.FromSql($"SELECT * FROM assessed_tickets WHERE id = {m.Id} FOR UPDATE").AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (old is not null && old.Version >= m.Version)
        {
            return;
        }

        var row = AssessedTicket.From(m);
        Snapshot.Replace(Db, old, row);
        await CountsLedger.ApplyAsync(Db, TicketContribution.Of(old), TicketContribution.Of(row), cancellationToken);
    }
}

public sealed class PairingProjector(AssessmentDbContext db, TimeProvider time, ILogger<PairingProjector> logger)
    : InboxConsumer<PairingChanged, AssessmentDbContext>(db, time, logger)
{
    protected override string ConsumerName => "pairing-projection";

    protected override async Task HandleAsync(PairingChanged m, CancellationToken cancellationToken)
    {
        var old = await Db.Pairings.FromSql($"SELECT * FROM assessed_pairings WHERE id = {m.Id} FOR UPDATE").AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (old is not null && old.Version >= m.Version)
        {
            return;
        }

        var row = AssessedPairing.From(m);
        Snapshot.Replace(Db, old, row);
        await CountsLedger.ApplyAsync(Db, PairingContribution.Of(old), PairingContribution.Of(row), cancellationToken);
    }
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
