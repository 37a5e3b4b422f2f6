namespace PartyGrid.Assessment.Projections;

/// <summary>
/// What assessment keeps of a ticket: everything an indicator counts, nothing about the requester. Its
/// history (first resolution, ratings, reopenings) is kept as events, so every rating and reopening
/// counts in its own month whatever the ticket's state now.
/// </summary>
public sealed class AssessedTicket : PartyGrid.ServiceDefaults.Paging.IHasId
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

    public string Title { get; init; } = string.Empty;

    public DateTimeOffset? FirstResolvedAt { get; init; }

    public Guid? FirstResolvedOrganisationId { get; init; }

    public OrganisationTier? FirstResolvedTier { get; init; }

    public DateTimeOffset? FirstResolutionDueAt { get; init; }

    public List<TicketRating> Ratings { get; init; } = [];

    public List<TicketReopening> Reopenings { get; init; } = [];

    /// <summary>Taken over from a previous system's records (台账) with its original times.</summary>
    public bool Imported { get; init; }

    public long Version { get; init; }

    public TicketResolution? FirstResolution => FirstResolvedAt is { } at
        ? new TicketResolution(at, FirstResolvedOrganisationId!.Value, FirstResolvedTier!.Value, FirstResolutionDueAt!.Value)
        : null;

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
        Title = m.Title ?? string.Empty,
        FirstResolvedAt = History.FirstResolution(m)?.At.ToUniversalTime(),
        FirstResolvedOrganisationId = History.FirstResolution(m)?.OrganisationId,
        FirstResolvedTier = History.FirstResolution(m)?.Tier,
        FirstResolutionDueAt = History.FirstResolution(m)?.DueAt.ToUniversalTime(),
        Ratings = [.. History.Ratings(m).Select(r => r with { At = r.At.ToUniversalTime() })],
        Reopenings = [.. History.Reopenings(m).Select(r => r with { At = r.At.ToUniversalTime(), DueAt = r.DueAt.ToUniversalTime(), RectifiedAt = r.RectifiedAt?.ToUniversalTime() })],
        Imported = m.Imported,
        Version = m.Version,
    };

    /// <summary>
    /// A snapshot's history; one written before tickets carried it has its history read from the
    /// current fields as those snapshots were counted: the resolution, one rating at it, reopenings
    /// at the resolution that followed them.
    /// </summary>
    private static class History
    {
        public static TicketResolution? FirstResolution(TicketChanged m) =>
            m.FirstResolution
            ?? (m is { ResolvedAt: { } at, ResolvedOrganisationId: { } by, ResolvedTier: { } tier } ? new(at, by, tier, m.ResolutionDueAt) : null);

        public static IReadOnlyList<TicketRating> Ratings(TicketChanged m) =>
            m.Ratings
            ?? (m is { Rating: { } score, ResolvedAt: { } at, ResolvedOrganisationId: { } by } ? [new(score, m.ClosedAt ?? at, by)] : []);

        public static IReadOnlyList<TicketReopening> Reopenings(TicketChanged m) =>
            m.Reopenings
            ?? (m is { ResolvedAt: { } at, ResolvedOrganisationId: { } by }
                ? [.. Enumerable.Repeat(new TicketReopening(at, "reopened", by, m.ResolutionDueAt, at, false), m.ReopenCount)]
                : []);
    }
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
