using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace PartyGrid.ServiceDefaults.Keys;

/// <summary>
/// How a service keeps the asymmetric keys it signs tokens with: each key signs for
/// <see cref="KeyLifetime"/>, its successor is published <see cref="PublishLead"/> before it signs (so
/// every validator has fetched it by then), and a retired key stays published for
/// <see cref="RetainAfterRetirement"/>, until the last token it signed has expired.
/// </summary>
public sealed class KeyRingOptions
{
    public const string Section = "Keys";

    /// <summary>32 random bytes, base64, that encrypt the private keys at rest (a secret, never in the repo).</summary>
    [Required]
    public string KeyEncryptionKey { get; set; } = string.Empty;

    [Range(typeof(TimeSpan), "00:05:00", "365.00:00:00")]
    public TimeSpan KeyLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Longer than the validators' automatic JWKS refresh (five minutes at the least).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan PublishLead { get; set; } = TimeSpan.FromHours(1);

    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan RetainAfterRetirement { get; set; } = TimeSpan.FromHours(13);

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The keys that sealed before the current one, base64, while a rotation is under way: secrets still
    /// open under them, and <see cref="SealedSecretsRenewal"/> reseals each under the current key. Drop
    /// them once it reports nothing left under a previous key.
    /// </summary>
    public List<string> PreviousKeyEncryptionKeys { get; set; } = [];

    internal byte[]? DecodedKeyEncryptionKey() => Decode(KeyEncryptionKey);

    internal static byte[]? Decode(string base64)
    {
        var bytes = new byte[32];
        return Convert.TryFromBase64String(base64, bytes, out var written) && written == 32 ? bytes : null;
    }
}

[OptionsValidator]
public sealed partial class KeyRingOptionsValidator : IValidateOptions<KeyRingOptions>;

/// <summary>The check attributes cannot express: a real 256-bit key.</summary>
public sealed class KeyEncryptionKeyValidator : IValidateOptions<KeyRingOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyRingOptions options)
    {
        if (options.DecodedKeyEncryptionKey() is null)
        {
            return ValidateOptionsResult.Fail("Keys:KeyEncryptionKey must be 32 bytes, base64 (openssl rand -base64 32).");
        }

        var wrong = options.PreviousKeyEncryptionKeys.FindIndex(k => KeyRingOptions.Decode(k) is null);
        return wrong >= 0
            ? ValidateOptionsResult.Fail($"Keys:PreviousKeyEncryptionKeys:{wrong} must be 32 bytes, base64.")
            : ValidateOptionsResult.Success;
    }
}
