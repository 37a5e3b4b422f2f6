using PartyGrid.ServiceDefaults.Paging;

namespace PartyGrid.Pairing.Domain;

/// <summary>党员结对帮扶: a member paired with a household in need, visited over time.</summary>
public sealed class HouseholdPairing : IHasId
{
    public Guid Id { get; init; }

    public Guid OrganisationId { get; init; }

    public Guid MemberId { get; init; }

    public required string HouseholdHead { get; init; }

    public required string Address { get; init; }

    public required string Needs { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public List<HouseholdVisit> Visits { get; init; } = [];

    public long Version { get; set; }
}

public sealed class HouseholdVisit
{
    public Guid Id { get; init; }

    public Guid HouseholdPairingId { get; init; }

    public DateOnly VisitedOn { get; init; }

    public required string Note { get; init; }

    public required string RecordedBy { get; init; }
}
