namespace PartyGrid.Contracts;

/// <summary>The four levels of the service network, top first; a child is exactly one tier below its parent.</summary>
public enum OrganisationTier
{
    County = 1,
    Township = 2,
    Village = 3,
    Group = 4,
}

public enum Area
{
    Urban = 1,
    Rural = 2,
}

public enum OrganisationKind
{
    Committee = 1,
    GeneralBranch = 2,
    Branch = 3,
    Group = 4,
}

public enum OrganisationStatus
{
    Active = 1,
    Dissolved = 2,
}
