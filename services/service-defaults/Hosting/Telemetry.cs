using System.Diagnostics;

namespace PartyGrid.ServiceDefaults.Hosting;

/// <summary>Names under which PartyGrid's own spans and meters are exported.</summary>
public static class Telemetry
{
    public const string MeterPrefix = "PartyGrid.";
    public const string ActivitySourceName = "PartyGrid";

    public static readonly ActivitySource Source = new(ActivitySourceName);
}
