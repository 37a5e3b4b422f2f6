namespace PartyGrid.Organisations.Domain;

/// <summary>Rule names of moves, as problem codes.</summary>
public static class MoveRule
{
    public const string IntoOwnSubtree = "move-into-own-subtree";
    public const string SameParent = "same-parent";
}
