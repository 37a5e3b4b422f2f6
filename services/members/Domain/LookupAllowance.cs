namespace PartyGrid.Members.Domain;

/// <summary>
/// How many exact-match lookups one caller may make: few enough that guessing the hidden digits of a
/// masked number or phone is hopeless (10⁴ phone candidates take over five hours), enough for a clerk
/// checking who is at the window. Counted from the audit log, so it holds across replicas and restarts.
/// </summary>
public static class LookupAllowance
{
    public const int PerMinute = 30;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
}
