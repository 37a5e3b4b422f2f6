namespace PartyGrid.Contracts;

/// <summary>A member's standing: probationary (预备党员) until converted (转正), full, or left.</summary>
public enum MemberStatus
{
    Probationary = 1,
    Full = 2,
    Left = 3,
}

/// <summary>Where a mobile member (流动党员) stands: not flowing, registered out, registered in at the destination.</summary>
public enum MemberFlowStatus
{
    None = 0,
    FlowingOut = 1,
    FlowingIn = 2,
    Returned = 3,
}
