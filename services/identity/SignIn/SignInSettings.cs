using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace PartyGrid.Identity.SignIn;

/// <summary>The identity service's clients and session limits (section <c>Identity</c>).</summary>
public sealed class SignInSettings
{
    public const string Section = "Identity";

    /// <summary>Where the staff console (public client <c>partygrid-console</c>) may receive codes.</summary>
    public string[] ConsoleRedirectUris { get; set; } = [];

    public string[] ConsolePostLogoutRedirectUris { get; set; } = [];

    /// <summary>Operator tooling that signs in with client credentials, by client id.</summary>
    public Dictionary<string, OperatorClient> OperatorClients { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Opens <c>POST /identity/bootstrap</c> while no administrator exists (a secret handed to the installer).</summary>
    public string? BootstrapToken { get; set; }

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A sign-in session (and its refresh tokens) ends after this long without use.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan SessionIdle { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A sign-in session ends this long after the password was entered, however busy.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan SessionMax { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Password attempts per address and minute, whatever the account.</summary>
    [Range(1, 10_000)]
    public int SignInAttemptsPerMinute { get; set; } = 30;
}

/// <summary>A confidential client for operator tooling: its secret and the only roles its tokens carry.</summary>
public sealed class OperatorClient
{
    [Required]
    [MinLength(32)]
    public string Secret { get; set; } = string.Empty;

    [Required]
    public string DisplayName { get; set; } = string.Empty;

    public string[] Roles { get; set; } = [];
}

[OptionsValidator]
public sealed partial class SignInSettingsValidator : IValidateOptions<SignInSettings>;

public static class SignInSchemes
{
    /// <summary>The browser's sign-in session with the identity service (cookie on <c>/identity</c>).</summary>
    public const string Session = "partygrid-session";

    /// <summary>Between the password and the end of sign-in: the second factor, enrolment or a required password change.</summary>
    public const string Pending = "partygrid-pending";

    public const string CookiePath = "/identity";
    public const string LoginPath = "/identity/account/login";
    public const string ConsoleClientId = "partygrid-console";
    public const string Resource = "partygrid";
}
