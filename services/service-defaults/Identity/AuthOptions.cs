using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace PartyGrid.ServiceDefaults.Identity;

/// <summary>
/// How tokens are checked. Staff tokens are signed only by the identity service, under its public
/// <see cref="Issuer"/>, with keys it publishes as JWKS (<see cref="StaffKeys"/>, its internal address);
/// partner identities are signed by the gateway under <see cref="PartnerIssuer"/> with keys of its own
/// (<see cref="PartnerKeys"/>). No process shares a secret with another.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The identity service's public issuer, as the browser meets it through the gateway (e.g. <c>http://localhost:5080/</c>).</summary>
    [Required]
    public string Issuer { get; set; } = string.Empty;

    [Required]
    public string Audience { get; set; } = "partygrid";

    /// <summary>Where the identity service's JWKS is fetched from inside the deployment; empty in identity itself, which reads its own ring.</summary>
    public string StaffKeys { get; set; } = string.Empty;

    [Required]
    public string PartnerIssuer { get; set; } = "partygrid-gateway";

    /// <summary>Where the gateway's partner JWKS is fetched; empty where partner identities are not accepted.</summary>
    public string PartnerKeys { get; set; } = string.Empty;

    /// <summary>The least time between two JWKS fetches caused by a token from an unknown key.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary><c>POST /dev/token</c> (identity): any identity, for scripts and tests. Off unless set explicitly.</summary>
    public bool DevelopmentTokens { get; set; }
}

[OptionsValidator]
public sealed partial class AuthOptionsValidator : IValidateOptions<AuthOptions>;
