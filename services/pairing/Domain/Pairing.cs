using PartyGrid.ServiceDefaults.Paging;

namespace PartyGrid.Pairing.Domain;

/// <summary>
/// An urban–rural pairing (城乡结对子) for a term, with commitments that activities fulfil.
/// proposed → active → completed (ended at or after its term) | ended-early.
/// </summary>
public sealed class Pairing : IHasId
{
    private Pairing()
    {
    }

    public Guid Id { get; private init; }

    public Guid UrbanOrganisationId { get; private init; }

    public Guid RuralOrganisationId { get; private init; }

    public DateOnly StartsOn { get; private init; }

    public DateOnly EndsOn { get; private init; }

    public PairingStatus Status { get; private set; }

    public DateTimeOffset ProposedAt { get; private init; }

    /// <summary>Which side's org-admin proposed it; the other side must agree before it starts.</summary>
    public PairingSides ProposedBy { get; private init; }

    public DateTimeOffset? ActivatedAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public string? EndReason { get; private set; }

    public List<Commitment> Commitments { get; private init; } = [];

    public long Version { get; private set; }

    public static Pairing Propose(
        PairingSide urban, PairingSide rural, PairingSides proposedBy, DateOnly startsOn, DateOnly endsOn, IReadOnlyList<CommitmentTerms> commitments, DateTimeOffset now)
    {
        PairingRule.Check(urban, rural);
        return new Pairing
        {
            Id = Guid.CreateVersion7(now),
            UrbanOrganisationId = urban.Id,
            RuralOrganisationId = rural.Id,
            StartsOn = startsOn,
            EndsOn = endsOn,
            Status = PairingStatus.Proposed,
            ProposedAt = now,
            ProposedBy = proposedBy,
            Commitments = [.. commitments.Select((c, i) => new Commitment(Guid.CreateVersion7(now), i + 1, c.Kind, c.Description, c.Target, c.Unit, c.DueOn))],
            Version = 1,
        };
    }

    /// <summary>
    /// A pairing binds two organisations, so it starts only when both have said yes: the side that did
    /// not propose activates it. One who arranges for both sides (the county above them, admin) speaks for both.
    /// </summary>
    public bool MayBeActivatedBy(PairingSides arranging) =>
        ProposedBy == PairingSides.Both ? arranging != PairingSides.None : (arranging & ~ProposedBy) != PairingSides.None;

    public void Activate(DateTimeOffset now)
    {
        Require("activate", PairingStatus.Proposed);
        Status = PairingStatus.Active;
        ActivatedAt = now;
        Version++;
    }

    /// <summary>Ends the pairing: completed when its term is over, ended early otherwise (a proposal withdrawn included).</summary>
    public void End(string reason, DateOnly today, DateTimeOffset now)
    {
        Require("end", PairingStatus.Proposed, PairingStatus.Active);
        Status = Status == PairingStatus.Active && today >= EndsOn ? PairingStatus.Completed : PairingStatus.EndedEarly;
        EndReason = reason;
        EndedAt = now;
        Version++;
    }

    /// <summary>Records what happened; it counts towards the named commitment (funds count by default for a funds commitment).</summary>
    public PairingActivity Record(ActivityReport report, string by, DateTimeOffset now)
    {
        Require("record-activity", PairingStatus.Active);
        Commitment? commitment = null;
        if (report.CommitmentId is { } commitmentId)
        {
            commitment = Commitments.FirstOrDefault(c => c.Id == commitmentId)
                ?? throw new DomainRuleException("unknown-commitment", "The commitment is not one of this pairing's.");
        }

        var amount = report.Amount ?? (commitment?.Kind == CommitmentKind.Funds ? report.FundsYuan : null) ?? (commitment is null ? null : 1m);
        commitment?.Count(amount!.Value);
        Version++;
        return new PairingActivity
        {
            Id = Guid.CreateVersion7(now),
            PairingId = Id,
            Kind = report.Kind,
            OccurredOn = report.OccurredOn,
            Participants = report.Participants,
            FundsYuan = report.FundsYuan,
            Description = report.Description,
            CommitmentId = commitment?.Id,
            Amount = commitment is null ? null : amount,
            RecordedBy = by,
            RecordedAt = now,
        };
    }

    /// <summary>The pairing's overall progress: the mean of its commitments' fulfilled shares.</summary>
    public decimal OverallProgress => Commitments.Count == 0 ? 0 : Math.Round(Commitments.Average(c => c.Progress), 4);

    public PairingChanged ToEvent(DateOnly today) => new(
        Id, UrbanOrganisationId, RuralOrganisationId, Status, StartsOn, EndsOn,
        [.. Commitments.OrderBy(c => c.Ordinal).Select(c => c.ToProgress(today))], OverallProgress, Commitments.Count(c => c.IsOverdue(today)), Version);

    public PairingActivityRecorded ToEvent(PairingActivity activity) => new(
        activity.Id, Id, UrbanOrganisationId, RuralOrganisationId, activity.Kind, activity.OccurredOn, activity.Participants, activity.FundsYuan,
        activity.CommitmentId, activity.Amount, Version);

    private void Require(string action, params PairingStatus[] allowed)
    {
        if (!allowed.Contains(Status))
        {
            throw DomainRuleException.IllegalState($"{action}-not-allowed", $"A {WireName.Of(Status)} pairing cannot {action}.");
        }
    }
}

public sealed record ActivityReport(CommitmentKind Kind, DateOnly OccurredOn, int Participants, decimal? FundsYuan, string Description, Guid? CommitmentId, decimal? Amount);
