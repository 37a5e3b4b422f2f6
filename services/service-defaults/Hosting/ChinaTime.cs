namespace PartyGrid.ServiceDefaults.Hosting;

/// <summary>Dates of the domain are dates in Asia/Shanghai, whatever the server's own zone.</summary>
public static class ChinaTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateOnly Today(TimeProvider time) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone).DateTime);
}
