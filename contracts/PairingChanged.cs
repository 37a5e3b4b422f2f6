namespace PartyGrid.Contracts;

/// <summary>A pairing (城乡结对子) as it now is, with the progress of each commitment.</summary>
public sealed record PairingChanged(
    Guid Id,
    Guid UrbanOrganisationId,
    Guid RuralOrganisationId,
    PairingStatus Status,
    DateOnly StartsOn,
    DateOnly EndsOn,
    IReadOnlyList<CommitmentProgress> Commitments,
    decimal OverallProgress,
    int OverdueCommitments,
    long Version) : IIntegrationEvent
{
    public static string EventName => "pairing-changed";

    Guid IIntegrationEvent.AggregateId => Id;
}

/// <param name="Progress">Achieved share of the target, 0 to 1.</param>
public sealed record CommitmentProgress(Guid Id, CommitmentKind Kind, decimal Target, string Unit, decimal Achieved, DateOnly DueOn, decimal Progress, bool Overdue);
