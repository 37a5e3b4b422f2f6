namespace PartyGrid.Assessment.Projections;

/// <summary>What assessment keeps of a ticket: everything an indicator counts, nothing about the requester.</summary>
public sealed class AssessedTicket
{
    public Guid Id { get; init; }

    public required string Number { get; init; }

    public TicketCategory Category { get; init; }

    public TicketChannel Channel { get; init; }

    public Guid IntakeOrganisationId { get; init; }

    public OrganisationTier IntakeTier { get; init; }

    public Guid CurrentOrganisationId { get; init; }

    public OrganisationTier CurrentTier { get; init; }

    public TicketStatus Status { get; init; }

    public DateTimeOffset SubmittedAt { get; init; }

    public DateTimeOffset? AcceptedAt { get; init; }

    public bool RespondedOnTime { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public DateTimeOffset ResponseDueAt { get; init; }

    public DateTimeOffset ResolutionDueAt { get; init; }

    public Guid? ResolvedOrganisationId { get; init; }

    public OrganisationTier? ResolvedTier { get; init; }

    public int EscalationCount { get; init; }

    /// <summary>As tickets decided it (<see cref="TicketChanged.ResolvedLocally"/>).</summary>
    public bool ResolvedLocally { get; init; }

    public int ReopenCount { get; init; }

    public int? Rating { get; init; }

    public bool Supervised { get; init; }

    public long Version { get; init; }

    // PostgreSQL keeps instants in UTC; a snapshot written with another offset is the same instant.
    public static AssessedTicket From(TicketChanged m) => new()
    {
        Id = m.Id,
        Number = m.Number,
        Category = m.Category,
        Channel = m.Channel,
        IntakeOrganisationId = m.IntakeOrganisationId,
        IntakeTier = m.IntakeTier,
        CurrentOrganisationId = m.CurrentOrganisationId,
        CurrentTier = m.CurrentTier,
        Status = m.Status,
        SubmittedAt = m.SubmittedAt.ToUniversalTime(),
        AcceptedAt = m.AcceptedAt?.ToUniversalTime(),
        RespondedOnTime = m.RespondedOnTime,
        ResolvedAt = m.ResolvedAt?.ToUniversalTime(),
        ClosedAt = m.ClosedAt?.ToUniversalTime(),
        ResponseDueAt = m.ResponseDueAt.ToUniversalTime(),
        ResolutionDueAt = m.ResolutionDueAt.ToUniversalTime(),
        ResolvedOrganisationId = m.ResolvedOrganisationId,
        ResolvedTier = m.ResolvedTier,
        EscalationCount = m.EscalationCount,
        ResolvedLocally = m.ResolvedLocally,
        ReopenCount = m.ReopenCount,
        Rating = m.Rating,
        Supervised = m.Supervised,
        Version = m.Version,
    };
}

public sealed class AssessedMember
{
    public Guid Id { get; init; }

    public Guid OrganisationId { get; init; }

    public MemberStatus Status { get; init; }

    public bool NeedsSupport { get; init; }

    public MemberFlowStatus Flow { get; init; }

    public bool LostContact { get; init; }

    public long Version { get; init; }
}

public sealed class AssessedPairing
{
    public Guid Id { get; init; }

    public Guid UrbanOrganisationId { get; init; }

    public Guid RuralOrganisationId { get; init; }

    public PairingStatus Status { get; init; }

    public decimal OverallProgress { get; init; }

    public int OverdueCommitments { get; init; }

    /// <summary>Due date of each commitment, in the pairing's order.</summary>
    public DateOnly[] CommitmentsDueOn { get; init; } = [];

    /// <summary>Whether each commitment has reached its target, in the same order.</summary>
    public bool[] CommitmentsFulfilled { get; init; } = [];

    public long Version { get; init; }

    public IEnumerable<(DateOnly DueOn, bool Fulfilled)> Commitments => CommitmentsDueOn.Zip(CommitmentsFulfilled);

    public static AssessedPairing From(PairingChanged m) => new()
    {
        Id = m.Id,
        UrbanOrganisationId = m.UrbanOrganisationId,
        RuralOrganisationId = m.RuralOrganisationId,
        Status = m.Status,
        OverallProgress = m.OverallProgress,
        OverdueCommitments = m.OverdueCommitments,
        CommitmentsDueOn = [.. m.Commitments.Select(c => c.DueOn)],
        CommitmentsFulfilled = [.. m.Commitments.Select(c => c.Achieved >= c.Target)],
        Version = m.Version,
    };
}

public sealed class AssessedServiceSite
{
    public Guid OrganisationId { get; init; }

    public OrganisationTier Tier { get; init; }

    public bool Open { get; init; }

    public long Version { get; init; }
}
