using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Projections;

namespace PartyGrid.Assessment.Projections;

// A projector replaces a row only with a newer snapshot, alongside the inbox record: duplicates,
// reordering and concurrent deliveries all end in the newest snapshot. Where rows feed the counts,
// snapshots come in batches: the projector locks the batch's rows, withdraws what their old snapshots
// contributed and adds what the newest ones do, folded into one change per (month, organisation), in
// the same transaction, so every ticket of a county no longer waits on the county's row in turn. Two
// first deliveries of a new aggregate queue on an advisory lock, so the second finds the first's row.
// Assessment is fed by events alone.

/// <summary>A batch projector whose rows feed the counts: rows are locked, replaced and their contributions moved, or left alone when not older.</summary>
public abstract class CountingProjector<TMessage, TRow>(AssessmentDbContext db, TimeProvider time, ILogger logger)
    : InboxBatchConsumer<TMessage, AssessmentDbContext>(db, time, logger)
    where TMessage : class, IIntegrationEvent
    where TRow : class
{
    private const int AggregateLockSpace = 1;

    /// <summary>The stored rows of the aggregates, locked for the transaction in id order.</summary>
    protected abstract Task<List<TRow>> LockAsync(Guid[] ids, CancellationToken cancellationToken);

    protected abstract Guid IdOf(TRow row);

    protected abstract long VersionOf(TRow row);

    protected abstract TRow RowOf(TMessage message);

    protected abstract IEnumerable<Contribution> Contributions(TRow? row);

    protected override async Task HandleAsync(IReadOnlyList<TMessage> messages, CancellationToken cancellationToken)
    {
        // Only each aggregate's newest snapshot of the batch matters: the counts move from the stored
        // row straight to it. Locks are taken in key order, so concurrent batches never wait in a cycle.
        var newest = messages.GroupBy(m => m.AggregateId).Select(g => g.MaxBy(m => m.Version)!).ToList();
        var ids = newest.Select(m => m.AggregateId).Order().ToArray();
        var keys = ids.Select(AdvisoryKey.Of32).Distinct().Order().ToArray();

        // Two first deliveries of one aggregate would both find no row and race to insert it; the second
        // waits here instead and then finds the first one's row. The two-key form keeps these locks apart
        // from the organisations' (SubtreeTotals); a clash of two aggregates only makes one wait.
        await Db.Database.ExecuteSqlAsync(
            $"SELECT count(pg_advisory_xact_lock({AggregateLockSpace}, k)) FROM unnest({keys}) AS k", cancellationToken);
        var stored = (await LockAsync(ids, cancellationToken)).ToDictionary(IdOf);
        var withdrawn = new List<Contribution>();
        var added = new List<Contribution>();
        foreach (var message in newest)
        {
            var old = stored.GetValueOrDefault(message.AggregateId);
            if (old is not null && VersionOf(old) >= message.Version)
            {
                continue;
            }

            var row = RowOf(message);
            if (old is null)
            {
                Db.Add(row);
            }
            else
            {
                Db.Update(row);
            }

            withdrawn.AddRange(Contributions(old));
            added.AddRange(Contributions(row));
        }

        await Db.SaveChangesAsync(cancellationToken);
        await CountsLedger.ApplyAsync(Db, withdrawn, added, cancellationToken);
    }
}

public sealed class TicketProjector(AssessmentDbContext db, TimeProvider time, ILogger<TicketProjector> logger)
    : CountingProjector<TicketChanged, AssessedTicket>(db, time, logger)
{
    protected override string ConsumerName => "ticket-projection";

    protected override Task<List<AssessedTicket>> LockAsync(Guid[] ids, CancellationToken cancellationToken) =>
        Db.Tickets.FromSql($"SELECT * FROM assessed_tickets WHERE id = ANY({ids}) ORDER BY id FOR UPDATE").AsNoTracking().ToListAsync(cancellationToken);

    protected override Guid IdOf(AssessedTicket row) => row.Id;

    protected override long VersionOf(AssessedTicket row) => row.Version;

    protected override AssessedTicket RowOf(TicketChanged message) => AssessedTicket.From(message);

    protected override IEnumerable<Contribution> Contributions(AssessedTicket? row) => TicketContribution.Of(row);
}

public sealed class PairingProjector(AssessmentDbContext db, TimeProvider time, ILogger<PairingProjector> logger)
    : CountingProjector<PairingChanged, AssessedPairing>(db, time, logger)
{
    protected override string ConsumerName => "pairing-projection";

    protected override Task<List<AssessedPairing>> LockAsync(Guid[] ids, CancellationToken cancellationToken) =>
        Db.Pairings.FromSql($"SELECT * FROM assessed_pairings WHERE id = ANY({ids}) ORDER BY id FOR UPDATE").AsNoTracking().ToListAsync(cancellationToken);

    protected override Guid IdOf(AssessedPairing row) => row.Id;

    protected override long VersionOf(AssessedPairing row) => row.Version;

    protected override AssessedPairing RowOf(PairingChanged message) => AssessedPairing.From(message);

    protected override IEnumerable<Contribution> Contributions(AssessedPairing? row) => PairingContribution.Of(row);
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

    protected override async Task HandleAsync(ServiceSiteChanged m, CancellationToken cancellationToken)
    {
        var before = await SubtreeTotals.BeforeChangeAsync(Db, m.OrganisationId, cancellationToken);
        var changed = await Db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO assessed_service_sites (organisation_id, tier, open, version)
            VALUES ({m.OrganisationId}, {WireName.Of(m.Tier)}, {m.Open}, {m.Version})
            ON CONFLICT (organisation_id) DO UPDATE SET tier = EXCLUDED.tier, open = EXCLUDED.open, version = EXCLUDED.version
            WHERE assessed_service_sites.version < EXCLUDED.version
            """,
            cancellationToken);
        if (changed > 0)
        {
            await SubtreeTotals.AfterChangeAsync(Db, m.OrganisationId, before, cancellationToken);
        }
    }
}

/// <summary>
/// Keeps the organisation projection as every service does, and moves the organisation's share of the
/// subtree totals when its path, tier or status changes.
/// </summary>
public sealed class TreeProjector(AssessmentDbContext db, TimeProvider time, ILogger<TreeProjector> logger, OrganisationCache cache)
    : InboxConsumer<OrganisationChanged, AssessmentDbContext>(db, time, logger)
{
    protected override string ConsumerName => "organisation-projection";

    protected override async Task HandleAsync(OrganisationChanged message, CancellationToken cancellationToken)
    {
        var before = await SubtreeTotals.BeforeChangeAsync(Db, message.Id, cancellationToken);
        if (await OrganisationProjector<AssessmentDbContext>.ApplyAsync(Db, message, cache, cancellationToken))
        {
            await SubtreeTotals.AfterChangeAsync(Db, message.Id, before, cancellationToken);
        }
    }
}
