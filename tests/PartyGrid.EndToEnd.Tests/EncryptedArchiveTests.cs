using System.Security.Cryptography;
using PartyGrid.AppHost.Backup;
using Xunit;

namespace PartyGrid.EndToEnd.Tests;

/// <summary>The backup file's encryption: it round-trips, and a wrong passphrase or any change to the file is refused.</summary>
public sealed class EncryptedArchiveTests
{
    private const string Passphrase = "correct horse battery staple";

    // Three full chunks and a part: the chunk boundaries and the last-chunk mark are exercised.
    private static readonly byte[] Plain = RandomNumberGenerator.GetBytes((3 << 20) + 12_345);

    [Theory]
    [InlineData(0)]
    [InlineData(1 << 20)]
    [InlineData((3 << 20) + 12_345)]
    public async Task What_is_encrypted_decrypts_to_the_same_bytes(int length)
    {
        var encrypted = await EncryptAsync(Plain.AsMemory(0, length).ToArray());
        Assert.Equal(Plain.AsSpan(0, length).ToArray(), await DecryptAsync(encrypted, Passphrase));
    }

    [Fact]
    public async Task A_wrong_passphrase_a_changed_byte_a_cut_or_an_extension_is_refused()
    {
        var encrypted = await EncryptAsync(Plain);
        await Assert.ThrowsAsync<InvalidDataException>(() => DecryptAsync(encrypted, "correct horse battery stapler"));

        var changed = (byte[])encrypted.Clone();
        changed[encrypted.Length / 2] ^= 1;
        await Assert.ThrowsAsync<InvalidDataException>(() => DecryptAsync(changed, Passphrase));

        // Cut at a chunk's end: every remaining chunk is intact, but none is marked the last.
        var firstChunkEnd = 32 + 5 + (1 << 20) + 16;
        await Assert.ThrowsAsync<InvalidDataException>(() => DecryptAsync(encrypted[..firstChunkEnd], Passphrase));
        await Assert.ThrowsAsync<InvalidDataException>(() => DecryptAsync([.. encrypted, 0], Passphrase));
    }

    [Fact]
    public async Task A_short_passphrase_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => EncryptedArchive.EncryptAsync(new MemoryStream(Plain), new MemoryStream(), "too short", CancellationToken.None));
    }

    private static async Task<byte[]> EncryptAsync(byte[] plain)
    {
        using var output = new MemoryStream();
        await EncryptedArchive.EncryptAsync(new MemoryStream(plain), output, Passphrase, CancellationToken.None);
        return output.ToArray();
    }

    private static async Task<byte[]> DecryptAsync(byte[] encrypted, string passphrase)
    {
        using var output = new MemoryStream();
        await EncryptedArchive.DecryptAsync(new MemoryStream(encrypted), output, passphrase, CancellationToken.None);
        return output.ToArray();
    }
}
