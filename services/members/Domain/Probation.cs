namespace PartyGrid.Members.Domain;

/// <summary>
/// A new member is probationary (预备党员) for one year from joining; conversion (转正) is an explicit
/// decision recorded on or after that day. Members are at least 18 when they join.
/// </summary>
public static class Probation
{
    public const int MinimumAge = 18;

    public static DateOnly EndOf(DateOnly joinedOn) => joinedOn.AddYears(1);

    public static bool OldEnough(DateOnly birthDate, DateOnly joinedOn) => birthDate.AddYears(MinimumAge) <= joinedOn;
}
