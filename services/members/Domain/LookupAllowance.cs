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

    /// <summary>
    /// How long the caller must wait before their next lookup, or null when they may look up now:
    /// counted from the audit log, so the allowance holds across replicas.
    /// </summary>
    public static async Task<TimeSpan?> WaitAsync(IQueryable<PersonalDataAccess> audit, string subject, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = now - Window;
        var recent = await audit
            .Where(a => a.ReaderSubject == subject && a.Use == PersonalDataUse.Lookup && a.AccessedAt > since)
            .OrderByDescending(a => a.AccessedAt)
            .Take(PerMinute)
            .Select(a => a.AccessedAt)
            .ToListAsync(cancellationToken);
        return recent.Count >= PerMinute ? recent[^1] + Window - now : null;
    }
}
