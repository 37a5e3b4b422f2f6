using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace PartyGrid.ServiceDefaults.Keys;

/// <summary>
/// Encrypts private keys and other secrets at rest with AES-256-GCM under the configured key-encryption
/// key. The associated data is the secret's purpose and id, so a stored secret cannot be passed off as
/// another. During a rotation, secrets sealed under a previous key still open, and can be resealed.
/// </summary>
public sealed class KeyProtector(IOptions<KeyRingOptions> options)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] key = options.Value.DecodedKeyEncryptionKey()
        ?? throw new InvalidOperationException("Keys:KeyEncryptionKey must be 32 bytes, base64.");

    private readonly byte[][] previous = [.. options.Value.PreviousKeyEncryptionKeys.Select(k => KeyRingOptions.Decode(k)
        ?? throw new InvalidOperationException("Keys:PreviousKeyEncryptionKeys must be 32 bytes each, base64."))];

    /// <summary>A rotation is under way: some secrets may still be sealed under a previous key.</summary>
    public bool HasPreviousKeys => previous.Length > 0;

    public byte[] Protect(string purpose, string id, ReadOnlySpan<byte> plaintext)
    {
        var output = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize, plaintext.Length), output.AsSpan(NonceSize + plaintext.Length), Associated(purpose, id));
        return output;
    }

    public byte[] Unprotect(string purpose, string id, ReadOnlySpan<byte> protectedBytes) => Open(purpose, id, protectedBytes).Plaintext;

    /// <summary>The secret sealed anew under the current key when a previous key sealed it; null when the current one did.</summary>
    public byte[]? Reseal(string purpose, string id, ReadOnlySpan<byte> protectedBytes)
    {
        var (plaintext, current) = Open(purpose, id, protectedBytes);
        return current ? null : Protect(purpose, id, plaintext);
    }

    private (byte[] Plaintext, bool Current) Open(string purpose, string id, ReadOnlySpan<byte> protectedBytes)
    {
        try
        {
            return (Decrypt(key, purpose, id, protectedBytes), true);
        }
        catch (AuthenticationTagMismatchException) when (previous.Length > 0)
        {
            foreach (var old in previous)
            {
                try
                {
                    return (Decrypt(old, purpose, id, protectedBytes), false);
                }
                catch (AuthenticationTagMismatchException)
                {
                    // Not this one either: the next previous key, or the current key's refusal.
                }
            }

            throw;
        }
    }

    private static byte[] Decrypt(byte[] key, string purpose, string id, ReadOnlySpan<byte> protectedBytes)
    {
        var length = protectedBytes.Length - NonceSize - TagSize;
        var plaintext = new byte[length];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(
            protectedBytes[..NonceSize], protectedBytes.Slice(NonceSize, length), protectedBytes[(NonceSize + length)..], plaintext, Associated(purpose, id));
        return plaintext;
    }

    private static byte[] Associated(string purpose, string id) => Encoding.UTF8.GetBytes($"{purpose}/{id}");
}
