namespace PartyGrid.Pairing.Api;

public sealed record CommitmentRequest(CommitmentKind? Kind, string? Description, decimal? Target, string? Unit, DateOnly? DueOn);

public sealed record ProposePairingRequest(Guid? UrbanOrgId, Guid? RuralOrgId, DateOnly? StartsOn, DateOnly? EndsOn, CommitmentRequest[]? Commitments);

public sealed record EndPairingRequest(string? Reason);

public sealed record ActivityRequest(CommitmentKind? Kind, DateOnly? OccurredOn, int? Participants, decimal? FundsYuan, string? Description, Guid? CommitmentId, decimal? Amount);

/// <param name="UrbanOrgName">The sides' names, so that each side reads whom it is paired with without rights on the other's tree.</param>
public sealed record PairingResponse(
    Guid Id, Guid UrbanOrgId, string UrbanOrgName, Guid RuralOrgId, string RuralOrgName, string Status, DateOnly StartsOn, DateOnly EndsOn,
    IReadOnlyList<CommitmentProgress> Commitments, decimal OverallProgress, int OverdueCommitments,
    DateTimeOffset ProposedAt, DateTimeOffset? ActivatedAt, DateTimeOffset? EndedAt, string? EndReason, long Version)
{
    public static PairingResponse From(Domain.Pairing p, DateOnly today, IReadOnlyDictionary<Guid, string> names)
    {
        var snapshot = p.ToEvent(today);
        return new(p.Id, p.UrbanOrganisationId, names.GetValueOrDefault(p.UrbanOrganisationId, string.Empty), p.RuralOrganisationId,
            names.GetValueOrDefault(p.RuralOrganisationId, string.Empty), WireName.Of(p.Status), p.StartsOn, p.EndsOn,
            snapshot.Commitments, snapshot.OverallProgress, snapshot.OverdueCommitments, p.ProposedAt, p.ActivatedAt, p.EndedAt, p.EndReason, p.Version);
    }

    /// <summary>The names of both sides of every pairing given, from the projected tree.</summary>
    public static async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(PairingDbContext db, IEnumerable<Domain.Pairing> pairings, CancellationToken cancellationToken)
    {
        var ids = pairings.SelectMany(p => new[] { p.UrbanOrganisationId, p.RuralOrganisationId }).Distinct().ToList();
        return await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
    }
}

public sealed record ProgressResponse(Guid PairingId, IReadOnlyList<CommitmentProgress> Commitments, decimal Overall, int OverdueCommitments);

public sealed record ActivityResponse(
    Guid Id, Guid PairingId, string Kind, DateOnly OccurredOn, int Participants, decimal? FundsYuan, string Description, Guid? CommitmentId, decimal? Amount, string RecordedBy)
{
    public static ActivityResponse From(PairingActivity a) =>
        new(a.Id, a.PairingId, WireName.Of(a.Kind), a.OccurredOn, a.Participants, a.FundsYuan, a.Description, a.CommitmentId, a.Amount, a.RecordedBy);
}
