using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace PartyGrid.AppHost.Backup;

/// <summary>
/// A file encrypted under a passphrase: AES-256-GCM over 1 MiB chunks, the key derived with
/// PBKDF2-SHA-256. Each chunk is authenticated with the header and with whether it is the last one, so
/// a changed, reordered, truncated or extended file is refused, not restored in part.
/// </summary>
/// <remarks>
/// Layout: magic, iterations, salt, nonce prefix; then per chunk a flag byte (1 = last), the plaintext
/// length, the ciphertext and the tag. A chunk's nonce is the prefix and the chunk's number.
/// </remarks>
public static class EncryptedArchive
{
    public const int MinimumPassphraseLength = 12;

    private const int ChunkSize = 1 << 20;
    private const int Iterations = 600_000;
    private static readonly byte[] Magic = "PGRIDBK1"u8.ToArray();
    private const int HeaderLength = 8 + 4 + 16 + 4;

    public static async Task EncryptAsync(Stream plain, Stream output, string passphrase, CancellationToken cancellationToken)
    {
        RequireStrong(passphrase);
        var header = new byte[HeaderLength];
        Magic.CopyTo(header, 0);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(8), Iterations);
        RandomNumberGenerator.Fill(header.AsSpan(12, 16 + 4));
        using var aes = new AesGcm(Key(passphrase, header), AesGcm.TagByteSizes.MaxSize);
        await output.WriteAsync(header, cancellationToken);

        var current = new byte[ChunkSize];
        var next = new byte[ChunkSize];
        var currentLength = await ReadFullAsync(plain, current, cancellationToken);
        for (ulong chunk = 0; ; chunk++)
        {
            var nextLength = currentLength == ChunkSize ? await ReadFullAsync(plain, next, cancellationToken) : 0;
            var last = nextLength == 0;
            var ciphertext = new byte[currentLength];
            var tag = new byte[AesGcm.TagByteSizes.MaxSize];
            aes.Encrypt(Nonce(header, chunk), current.AsSpan(0, currentLength), ciphertext, tag, Associated(header, last));
            var frame = new byte[5];
            frame[0] = last ? (byte)1 : (byte)0;
            BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), currentLength);
            await output.WriteAsync(frame, cancellationToken);
            await output.WriteAsync(ciphertext, cancellationToken);
            await output.WriteAsync(tag, cancellationToken);
            if (last)
            {
                return;
            }

            (current, next, currentLength) = (next, current, nextLength);
        }
    }

    public static async Task DecryptAsync(Stream input, Stream plain, string passphrase, CancellationToken cancellationToken)
    {
        var header = new byte[HeaderLength];
        if (await ReadFullAsync(input, header, cancellationToken) != HeaderLength || !header.AsSpan(0, 8).SequenceEqual(Magic))
        {
            throw new InvalidDataException("This is not a PartyGrid backup.");
        }

        if (BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(8)) is < 100_000 or > 10_000_000)
        {
            throw new InvalidDataException("The backup is damaged.");
        }

        using var aes = new AesGcm(Key(passphrase, header), AesGcm.TagByteSizes.MaxSize);
        var frame = new byte[5];
        for (ulong chunk = 0; ; chunk++)
        {
            if (await ReadFullAsync(input, frame, cancellationToken) != frame.Length)
            {
                throw new InvalidDataException("The backup is cut short.");
            }

            var last = frame[0] == 1;
            var length = BinaryPrimitives.ReadInt32BigEndian(frame.AsSpan(1));
            if (frame[0] > 1 || length is < 0 or > ChunkSize)
            {
                throw new InvalidDataException("The backup is damaged.");
            }

            var ciphertext = new byte[length];
            var tag = new byte[AesGcm.TagByteSizes.MaxSize];
            if (await ReadFullAsync(input, ciphertext, cancellationToken) != length || await ReadFullAsync(input, tag, cancellationToken) != tag.Length)
            {
                throw new InvalidDataException("The backup is cut short.");
            }

            var chunkPlain = new byte[length];
            try
            {
                aes.Decrypt(Nonce(header, chunk), ciphertext, tag, chunkPlain, Associated(header, last));
            }
            catch (AuthenticationTagMismatchException)
            {
                throw new InvalidDataException("The passphrase is wrong, or the backup was changed.");
            }

            await plain.WriteAsync(chunkPlain, cancellationToken);
            if (last)
            {
                if (input.ReadByte() != -1)
                {
                    throw new InvalidDataException("The backup has data after its end.");
                }

                return;
            }
        }
    }

    public static void RequireStrong(string passphrase)
    {
        if (passphrase.Length < MinimumPassphraseLength)
        {
            throw new ArgumentException($"A backup passphrase has at least {MinimumPassphraseLength} characters.", nameof(passphrase));
        }
    }

    private static byte[] Key(string passphrase, byte[] header) =>
        Rfc2898DeriveBytes.Pbkdf2(
            Encoding.UTF8.GetBytes(passphrase), header.AsSpan(12, 16), BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(8)), HashAlgorithmName.SHA256, 32);

    private static byte[] Nonce(byte[] header, ulong chunk)
    {
        var nonce = new byte[12];
        header.AsSpan(28, 4).CopyTo(nonce);
        BinaryPrimitives.WriteUInt64BigEndian(nonce.AsSpan(4), chunk);
        return nonce;
    }

    private static byte[] Associated(byte[] header, bool last) => [.. header, last ? (byte)1 : (byte)0];

    private static async Task<int> ReadFullAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
