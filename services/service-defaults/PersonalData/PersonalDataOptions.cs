using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace PartyGrid.ServiceDefaults.PersonalData;

/// <summary>
/// Keys for personal data (PIPL): one encrypts identity numbers and phones at rest, the other keys
/// the hash that exact-match search uses. Each is 32 random bytes, base64; they come from
/// configuration (a secret store in production; the run command generates them per data directory),
/// there is no built-in default, and no encryption key is ever a lookup key.
/// To rotate: make the new key current and list the old one under <c>Previous…</c> until the
/// re-encryption job has moved every row (its meter and log say when), then drop it.
/// </summary>
public sealed class PersonalDataOptions
{
    public const string Section = "PersonalData";

    /// <summary>The key new values are encrypted with.</summary>
    [Required]
    public string EncryptionKey { get; set; } = string.Empty;

    /// <summary>Keys that still decrypt values written before a rotation.</summary>
    public List<string> PreviousEncryptionKeys { get; set; } = [];

    [Required]
    public string LookupKey { get; set; } = string.Empty;

    /// <summary>During a lookup-key change: the old key, so search also matches rows not yet re-hashed.</summary>
    public string? PreviousLookupKey { get; set; }

    /// <summary>How often the re-encryption job looks for rows under old keys.</summary>
    public TimeSpan RotationInterval { get; set; } = TimeSpan.FromMinutes(1);

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
        var encryption = options.PreviousEncryptionKeys.Prepend(options.EncryptionKey).Select(PersonalDataOptions.Decode).ToList();
        var lookup = new[] { options.LookupKey, options.PreviousLookupKey }.Where(k => !string.IsNullOrEmpty(k)).Select(k => PersonalDataOptions.Decode(k!)).ToList();
        if (encryption.Concat(lookup).Any(k => k is null))
        {
            return ValidateOptionsResult.Fail("Every PersonalData encryption and lookup key must be 32 bytes, base64.");
        }

        return encryption.Any(e => lookup.Any(l => e!.AsSpan().SequenceEqual(l)))
            ? ValidateOptionsResult.Fail("PersonalData encryption keys and lookup keys must differ.")
            : ValidateOptionsResult.Success;
    }
}
