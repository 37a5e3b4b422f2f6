using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace PartyGrid.Gateway;

/// <summary>The gateway's edge: quotas, body sizes, backend patience, staff-client origins.</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>Per authenticated client (staff subject or API key without a quota of its own).</summary>
    [Range(1, 6_000_000)]
    public int RequestsPerMinute { get; set; } = 12_000;

    /// <summary>Per remote address, for requests that carry no valid credentials.</summary>
    [Range(1, 6_000_000)]
    public int AnonymousRequestsPerMinute { get; set; } = 1_200;

    /// <summary>Ratings posted through residents' rating links, per remote address: residents behind one carrier address share it, so a few dozen a minute, a burst of five.</summary>
    [Range(1, 100_000)]
    public int RatingSubmissionsPerMinute { get; set; } = 30;

    /// <summary>Per remote address: requests whose credentials fail (401) before the address is refused up front.</summary>
    [Range(1, 6_000_000)]
    public int FailedCredentialsPerMinute { get; set; } = 60;

    [Range(1024, 1L << 30)]
    public long MaxRequestBodyBytes { get; set; } = 1L << 20;

    /// <summary>Imports (an organisation tree, a register of tickets) carry a whole county, so they get more room.</summary>
    [Range(1024, 1L << 30)]
    public long MaxImportBodyBytes { get; set; } = 16L << 20;

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan BackendTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Origins of the staff web clients allowed to call from a browser.</summary>
    public string[] CorsOrigins { get; set; } = [];

    /// <summary>The staff console's built files (<c>web/console/dist</c>), served at <c>/</c>; none when unset.</summary>
    public string? ConsoleRoot { get; set; }
}

[OptionsValidator]
public sealed partial class GatewayOptionsValidator : IValidateOptions<GatewayOptions>;
