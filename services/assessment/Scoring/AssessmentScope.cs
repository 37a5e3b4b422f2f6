namespace PartyGrid.Assessment.Scoring;

public enum AssessmentScope
{
    /// <summary>The organisation's own work.</summary>
    Own = 1,

    /// <summary>The organisation and everything under it.</summary>
    Subtree = 2,
}

/// <summary>Which organisations a totals query answers for, one row each.</summary>
public enum TotalsTarget
{
    One,
    ChildrenOf,
    Roots,
}
