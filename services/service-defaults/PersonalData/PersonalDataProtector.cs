using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace PartyGrid.ServiceDefaults.PersonalData;

/// <summary>
/// Encrypts personal data for storage (AES-256-GCM, a fresh nonce per value, the field's purpose as
/// associated data so a ciphertext cannot be moved to another column) and computes the keyed lookup
/// hash (HMAC-SHA-256) that lets a value be found by exact match without storing it in clear.
/// </summary>
public sealed class PersonalDataProtector
{
    // Leading byte of every ciphertext: lets a later key rotation tell old values from new ones.
    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] encryptionKey;
    private readonly byte[] lookupKey;

    public PersonalDataProtector(IOptions<PersonalDataOptions> options)
    {
        encryptionKey = PersonalDataOptions.Decode(options.Value.EncryptionKey)
            ?? throw new InvalidOperationException("PersonalData:EncryptionKey is not a 32-byte base64 key.");
        lookupKey = PersonalDataOptions.Decode(options.Value.LookupKey)
            ?? throw new InvalidOperationException("PersonalData:LookupKey is not a 32-byte base64 key.");
    }

    public ProtectedValue Protect(PersonalField field, string value) => new(Encrypt(field, value), Lookup(field, value));

    public byte[] Encrypt(PersonalField field, string value)
    {
        var plain = Encoding.UTF8.GetBytes(value);
        var output = new byte[1 + NonceSize + TagSize + plain.Length];
        output[0] = FormatVersion;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(encryptionKey, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(1 + NonceSize + TagSize), output.AsSpan(1 + NonceSize, TagSize), field.AssociatedData);
        return output;
    }

    public string Decrypt(PersonalField field, byte[] cipher)
    {
        if (cipher.Length < 1 + NonceSize + TagSize || cipher[0] != FormatVersion)
        {
            throw new CryptographicException($"A stored {field.Name} is not in a format this service reads.");
        }

        var plain = new byte[cipher.Length - 1 - NonceSize - TagSize];
        using var aes = new AesGcm(encryptionKey, TagSize);
        aes.Decrypt(cipher.AsSpan(1, NonceSize), cipher.AsSpan(1 + NonceSize + TagSize), cipher.AsSpan(1 + NonceSize, TagSize), plain, field.AssociatedData);
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>The keyed hash of a (normalised) value: equal values give equal hashes, per field.</summary>
    public byte[] Lookup(PersonalField field, string value)
    {
        var input = Encoding.UTF8.GetBytes($"{field.Name}\0{value}");
        return HMACSHA256.HashData(lookupKey, input);
    }
}

/// <summary>A personal value as stored: its ciphertext and its lookup hash.</summary>
public sealed record ProtectedValue(byte[] Cipher, byte[] Lookup);

/// <summary>Which kind of personal value; part of both the encryption's associated data and the hash.</summary>
public sealed class PersonalField
{
    public static readonly PersonalField IdNumber = new("id-number");
    public static readonly PersonalField Phone = new("phone");

    private PersonalField(string name)
    {
        Name = name;
        AssociatedData = Encoding.UTF8.GetBytes($"partygrid:{name}");
    }

    public string Name { get; }

    internal byte[] AssociatedData { get; }
}
