namespace PartyGrid.Contracts;

public enum PairingStatus
{
    Proposed = 1,
    Active = 2,
    Completed = 3,
    EndedEarly = 4,
}

/// <summary>What an urban organisation commits to its rural partner.</summary>
public enum CommitmentKind
{
    Funds = 1,
    Project = 2,
    Visit = 3,
    JointMeeting = 4,
    Training = 5,
    IndustrySupport = 6,
}
