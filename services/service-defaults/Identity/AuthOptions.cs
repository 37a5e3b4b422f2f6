using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace PartyGrid.ServiceDefaults.Identity;

/// <summary>How staff tokens are signed and checked. The gateway and every service share one key.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>
    /// Used only when the environment is Development and no key is configured, so that a local run
    /// needs no set-up. Anywhere else a missing key stops the process at start-up.
    /// </summary>
    public const string DevelopmentSigningKey = "partygrid-development-signing-key-not-for-production-use-0001";

    [Required]
    [MinLength(32)]
    public string SigningKey { get; set; } = string.Empty;

    [Required]
    public string Issuer { get; set; } = "partygrid";

    [Required]
    public string Audience { get; set; } = "partygrid";

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);
}

[OptionsValidator]
public sealed partial class AuthOptionsValidator : IValidateOptions<AuthOptions>;
