namespace PartyGrid.Organisations.Domain;

/// <summary>Rule names of dissolution, as problem codes.</summary>
public static class DissolutionRule
{
    public const string AlreadyDissolved = "already-dissolved";
    public const string HasActiveChildren = "has-active-children";
    public const string MergeTarget = "merge-target";
}
