using PartyGrid.ServiceDefaults.Paging;

namespace PartyGrid.Pairing.Domain;

/// <summary>What the partners did: kind, day, how many took part, funds in yuan, and what it counts towards.</summary>
public sealed class PairingActivity : IHasId
{
    public Guid Id { get; init; }

    public Guid PairingId { get; init; }

    public CommitmentKind Kind { get; init; }

    public DateOnly OccurredOn { get; init; }

    public int Participants { get; init; }

    public decimal? FundsYuan { get; init; }

    public required string Description { get; init; }

    public Guid? CommitmentId { get; init; }

    public decimal? Amount { get; init; }

    public required string RecordedBy { get; init; }

    public DateTimeOffset RecordedAt { get; init; }
}
