using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace PartyGrid.ServiceDefaults.Keys;

/// <summary>
/// Encrypts private keys at rest with AES-256-GCM under the configured key-encryption key. The
/// associated data is the key's purpose and id, so a stored key cannot be passed off as another.
/// </summary>
public sealed class KeyProtector(IOptions<KeyRingOptions> options)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] key = options.Value.DecodedKeyEncryptionKey()
        ?? throw new InvalidOperationException("Keys:KeyEncryptionKey must be 32 bytes, base64.");

    public byte[] Protect(string purpose, string id, ReadOnlySpan<byte> plaintext)
    {
        var output = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize, plaintext.Length), output.AsSpan(NonceSize + plaintext.Length), Associated(purpose, id));
        return output;
    }

    public byte[] Unprotect(string purpose, string id, ReadOnlySpan<byte> protectedBytes)
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
