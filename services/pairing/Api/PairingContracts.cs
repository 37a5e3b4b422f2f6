namespace PartyGrid.Pairing.Api;

public sealed record CommitmentRequest(CommitmentKind? Kind, string? Description, decimal? Target, string? Unit, DateOnly? DueOn);

public sealed record ProposePairingRequest(Guid? UrbanOrgId, Guid? RuralOrgId, DateOnly? StartsOn, DateOnly? EndsOn, CommitmentRequest[]? Commitments);

public sealed record EndPairingRequest(string? Reason);

public sealed record ActivityRequest(CommitmentKind? Kind, DateOnly? OccurredOn, int? Participants, decimal? FundsYuan, string? Description, Guid? CommitmentId, decimal? Amount);

public sealed record PairingResponse(
    Guid Id, Guid UrbanOrgId, Guid RuralOrgId, string Status, DateOnly StartsOn, DateOnly EndsOn,
    IReadOnlyList<CommitmentProgress> Commitments, decimal OverallProgress, int OverdueCommitments,
    DateTimeOffset ProposedAt, DateTimeOffset? ActivatedAt, DateTimeOffset? EndedAt, string? EndReason, long Version)
{
    public static PairingResponse From(Domain.Pairing p, DateOnly today)
    {
        var snapshot = p.ToEvent(today);
        return new(p.Id, p.UrbanOrganisationId, p.RuralOrganisationId, WireName.Of(p.Status), p.StartsOn, p.EndsOn,
            snapshot.Commitments, snapshot.OverallProgress, snapshot.OverdueCommitments, p.ProposedAt, p.ActivatedAt, p.EndedAt, p.EndReason, p.Version);
    }
}

public sealed record ProgressResponse(Guid PairingId, IReadOnlyList<CommitmentProgress> Commitments, decimal Overall, int OverdueCommitments);

public sealed record ActivityResponse(
    Guid Id, Guid PairingId, string Kind, DateOnly OccurredOn, int Participants, decimal? FundsYuan, string Description, Guid? CommitmentId, decimal? Amount, string RecordedBy)
{
    public static ActivityResponse From(PairingActivity a) =>
        new(a.Id, a.PairingId, WireName.Of(a.Kind), a.OccurredOn, a.Participants, a.FundsYuan, a.Description, a.CommitmentId, a.Amount, a.RecordedBy);
}
