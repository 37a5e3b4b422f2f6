using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace PartyGrid.ServiceDefaults.PersonalData;

/// <summary>
/// Keys for personal data (PIPL): one encrypts identity numbers and phones at rest, the other keys
/// the hash that exact-match search uses. Both are 32 random bytes, base64; they come from
/// configuration (a secret store in production) and are never the same.
/// </summary>
public sealed class PersonalDataOptions
{
    public const string Section = "PersonalData";

    /// <summary>Used only in Development when nothing is configured, so a local run needs no set-up.</summary>
    public const string DevelopmentEncryptionKey = "ZGV2ZWxvcG1lbnQtb25seS1waWktZW5jcnlwdGlvbiE=";

    public const string DevelopmentLookupKey = "ZGV2ZWxvcG1lbnQtb25seS1waWktbG9va3VwLWtleSE=";

    [Required]
    public string EncryptionKey { get; set; } = string.Empty;

    [Required]
    public string LookupKey { get; set; } = string.Empty;

    internal static byte[]? Decode(string key)
    {
        var bytes = new byte[32];
        return Convert.TryFromBase64String(key, bytes, out var written) && written == 32 ? bytes : null;
    }
}

[OptionsValidator]
public sealed partial class PersonalDataOptionsValidator : IValidateOptions<PersonalDataOptions>;

/// <summary>The checks attributes cannot express: real 256-bit keys, and two different ones.</summary>
public sealed class PersonalDataKeyValidator : IValidateOptions<PersonalDataOptions>
{
    public ValidateOptionsResult Validate(string? name, PersonalDataOptions options)
    {
        var encryption = PersonalDataOptions.Decode(options.EncryptionKey);
        var lookup = PersonalDataOptions.Decode(options.LookupKey);
        if (encryption is null || lookup is null)
        {
            return ValidateOptionsResult.Fail("PersonalData:EncryptionKey and PersonalData:LookupKey must each be 32 bytes, base64.");
        }

        return encryption.AsSpan().SequenceEqual(lookup)
            ? ValidateOptionsResult.Fail("PersonalData:EncryptionKey and PersonalData:LookupKey must differ.")
            : ValidateOptionsResult.Success;
    }
}
