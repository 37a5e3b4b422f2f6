using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using PartyGrid.ServiceDefaults.Keys;

namespace PartyGrid.Testing;

/// <summary>
/// A key-encryption key rotation as operators run it: the service first under the old key, then under
/// the new key with the old one as previous until its renewal has resealed everything, then under the
/// new key alone.
/// </summary>
public sealed class KeyEncryptionKeyRotation
{
    public string OldKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string NewKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public Dictionary<string, string> Before => new() { ["Keys:KeyEncryptionKey"] = OldKey };

    public Dictionary<string, string> During => new() { ["Keys:KeyEncryptionKey"] = NewKey, ["Keys:PreviousKeyEncryptionKeys:0"] = OldKey };

    public Dictionary<string, string> After => new() { ["Keys:KeyEncryptionKey"] = NewKey };

    /// <summary>What opens only what the new key sealed: the check that the old one is no longer needed.</summary>
    public KeyProtector NewKeyAlone => new(Options.Create(new KeyRingOptions { KeyEncryptionKey = NewKey }));

    /// <summary>
    /// Waits until the host's renewal says nothing is left under the previous key: the run at start
    /// reseals, a later one, a check interval on, finds nothing left.
    /// </summary>
    public static async Task ResealedAsync<TEntryPoint>(ServiceHost<TEntryPoint> host)
        where TEntryPoint : class =>
        await Eventually.Until(
            () =>
            {
                host.Time.Advance(TimeSpan.FromMinutes(1));
                return Task.FromResult(host.Logs.Lines);
            },
            lines => lines.Any(l => l.Contains("Every sealed secret is under the current key-encryption key", StringComparison.Ordinal)),
            what: "the renewal reporting nothing left under the previous key");
}
