namespace PartyGrid.Pairing.Domain;

/// <summary>One thing promised in a pairing (funds, a project, visits…), with its target, unit and due date.</summary>
public sealed class Commitment(Guid id, int ordinal, CommitmentKind kind, string description, decimal target, string unit, DateOnly dueOn)
{
    public Guid Id { get; private init; } = id;

    /// <summary>Position in the proposal; commitments are always listed in this order.</summary>
    public int Ordinal { get; private init; } = ordinal;

    public CommitmentKind Kind { get; private init; } = kind;

    public string Description { get; private init; } = description;

    public decimal Target { get; private init; } = target;

    public string Unit { get; private init; } = unit;

    public DateOnly DueOn { get; private init; } = dueOn;

    public decimal Achieved { get; private set; }

    public decimal Progress => Target <= 0 ? 1 : Math.Min(1m, Math.Round(Achieved / Target, 4));

    public bool IsOverdue(DateOnly today) => DueOn < today && Achieved < Target;

    internal void Count(decimal amount) =>
        Achieved = Achieved + amount <= Amounts.MaxTotal
            ? Achieved + amount
            : throw new ServiceDefaults.Problems.DomainRuleException("commitment-total-too-large", $"A commitment counts at most {Amounts.MaxTotal:N2} in all.");

    public CommitmentProgress ToProgress(DateOnly today) => new(Id, Kind, Target, Unit, Achieved, DueOn, Progress, IsOverdue(today));
}

public sealed record CommitmentTerms(CommitmentKind Kind, string Description, decimal Target, string Unit, DateOnly DueOn);
