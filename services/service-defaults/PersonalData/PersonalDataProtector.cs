using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace PartyGrid.ServiceDefaults.PersonalData;

/// <summary>
/// Encrypts personal data for storage and computes the keyed lookup hash that lets a value be found by
/// exact match without storing it in clear. AES-256-GCM with a fresh nonce per value; the field and the
/// row's id are the associated data, so a ciphertext moved to another column or another row does not
/// decrypt. Every ciphertext starts with the ids of the keys it was made under (encryption and lookup),
/// so rotation can tell which rows still need re-encrypting (<see cref="PersonalDataRotation"/>).
/// </summary>
public sealed class PersonalDataProtector
{
    // Version 1 (before row binding and key ids): [1][nonce][tag][data], the field alone as associated data.
    private const byte FirstFormat = 1;
    private const byte KeyedFormat = 2;
    private const int KeyIdSize = 4;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + KeyIdSize + KeyIdSize;

    private readonly ProtectionKey encryption;
    private readonly IReadOnlyList<ProtectionKey> decryption;
    private readonly ProtectionKey lookup;
    private readonly ProtectionKey? previousLookup;

    public PersonalDataProtector(IOptions<PersonalDataOptions> options)
    {
        var o = options.Value;
        encryption = ProtectionKey.From(o.EncryptionKey, "PersonalData:EncryptionKey");
        decryption = [encryption, .. o.PreviousEncryptionKeys.Select((k, i) => ProtectionKey.From(k, $"PersonalData:PreviousEncryptionKeys:{i}"))];
        lookup = ProtectionKey.From(o.LookupKey, "PersonalData:LookupKey");
        previousLookup = string.IsNullOrEmpty(o.PreviousLookupKey) ? null : ProtectionKey.From(o.PreviousLookupKey, "PersonalData:PreviousLookupKey");
        CurrentHeader = [KeyedFormat, .. encryption.Id, .. lookup.Id];
    }

    /// <summary>The first bytes of every value protected under today's keys; a stored value starting otherwise is due for re-encryption.</summary>
    public byte[] CurrentHeader { get; }

    public ProtectedValue Protect(PersonalField field, Guid rowId, string value) => new(Encrypt(field, rowId, value), Lookup(field, value));

    public byte[] Encrypt(PersonalField field, Guid rowId, string value)
    {
        var plain = Encoding.UTF8.GetBytes(value);
        var output = new byte[HeaderSize + NonceSize + TagSize + plain.Length];
        CurrentHeader.CopyTo(output, 0);
        var nonce = output.AsSpan(HeaderSize, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(encryption.Bytes, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(HeaderSize + NonceSize + TagSize), output.AsSpan(HeaderSize + NonceSize, TagSize), field.BoundTo(rowId));
        return output;
    }

    public string Decrypt(PersonalField field, Guid rowId, byte[] cipher)
    {
        if (cipher.Length >= HeaderSize + NonceSize + TagSize && cipher[0] == KeyedFormat)
        {
            var key = decryption.FirstOrDefault(k => cipher.AsSpan(1, KeyIdSize).SequenceEqual(k.Id))
                ?? throw new CryptographicException($"A stored {field.Name} was encrypted under a key this service no longer has.");
            return Open(key, field.BoundTo(rowId), cipher.AsSpan(HeaderSize));
        }

        if (cipher.Length >= 1 + NonceSize + TagSize && cipher[0] == FirstFormat)
        {
            // No key id: whichever configured key authenticates it is the one.
            foreach (var key in decryption)
            {
                try
                {
                    return Open(key, field.AssociatedData, cipher.AsSpan(1));
                }
                catch (AuthenticationTagMismatchException) when (key != decryption[^1])
                {
                }
            }
        }

        throw new CryptographicException($"A stored {field.Name} is not in a format this service reads.");
    }

    /// <summary>The keyed hash of a (normalised) value under today's lookup key: equal values give equal hashes, per field.</summary>
    public byte[] Lookup(PersonalField field, string value) => Hash(lookup, field, value);

    /// <summary>
    /// Every hash a stored value may carry: today's, and during a lookup-key change the previous key's
    /// too, so exact search keeps finding rows the re-encryption has not reached yet.
    /// </summary>
    public IReadOnlyList<byte[]> Lookups(PersonalField field, string value) =>
        previousLookup is { } previous ? [Hash(lookup, field, value), Hash(previous, field, value)] : [Hash(lookup, field, value)];

    private static string Open(ProtectionKey key, byte[] associatedData, ReadOnlySpan<byte> body)
    {
        var plain = new byte[body.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key.Bytes, TagSize);
        aes.Decrypt(body[..NonceSize], body[(NonceSize + TagSize)..], body.Slice(NonceSize, TagSize), plain, associatedData);
        return Encoding.UTF8.GetString(plain);
    }

    private static byte[] Hash(ProtectionKey key, PersonalField field, string value) =>
        HMACSHA256.HashData(key.Bytes, Encoding.UTF8.GetBytes($"{field.Name}\0{value}"));

    /// <summary>A configured key and its public id: the first bytes of a hash of it, so the id tells nothing of the key.</summary>
    private sealed record ProtectionKey(byte[] Bytes, byte[] Id)
    {
        public static ProtectionKey From(string base64, string setting)
        {
            var bytes = PersonalDataOptions.Decode(base64) ?? throw new InvalidOperationException($"{setting} is not a 32-byte base64 key.");
            return new(bytes, SHA256.HashData([.. "partygrid-key-id:"u8, .. bytes])[..KeyIdSize]);
        }
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

    internal byte[] BoundTo(Guid rowId) => Encoding.UTF8.GetBytes($"partygrid:{Name}:{rowId:N}");
}
