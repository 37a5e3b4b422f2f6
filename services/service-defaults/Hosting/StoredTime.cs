namespace PartyGrid.ServiceDefaults.Hosting;

public static class StoredTime
{
    /// <summary>
    /// Now, at the microsecond precision PostgreSQL keeps, so that an instant answered straight after
    /// a change equals the same instant read back later (deadlines computed from it included).
    /// </summary>
    public static DateTimeOffset StoredNow(this TimeProvider time)
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
