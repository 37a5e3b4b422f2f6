namespace PartyGrid.Members.Domain;

/// <summary>One organisation's decision in a transfer's chain.</summary>
public sealed class TransferStep(int ordinal, Guid organisationId, TransferStepKind kind)
{
    public int Ordinal { get; private init; } = ordinal;

    public Guid OrganisationId { get; private init; } = organisationId;

    public TransferStepKind Kind { get; private init; } = kind;

    public StepDecision Decision { get; private set; } = StepDecision.Pending;

    public string? DecidedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? Comment { get; private set; }

    internal void Decide(StepDecision decision, string by, string? comment, DateTimeOffset now)
    {
        Decision = decision;
        DecidedBy = by;
        DecidedAt = now;
        Comment = comment;
    }
}
