using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;
using PartyGrid.Identity.SignIn;
using PartyGrid.ServiceDefaults.Keys;
using PartyGrid.Testing;

namespace PartyGrid.Identity.Tests;

/// <summary>
/// Rotating identity's key-encryption key, which seals its token signing keys and the Data Protection
/// keys behind sign-in cookies: deployed with the new key and the old one as previous, everything is
/// resealed under the new key, and with the old key removed the same signing key signs and what was
/// protected before still opens — nobody is signed out, no token is invalidated.
/// </summary>
public sealed class KeyEncryptionKeyRotationTests
{
    private readonly KeyEncryptionKeyRotation rotation = new();

    [Fact]
    public async Task After_a_run_with_the_old_key_as_previous_the_same_keys_serve_under_the_new_key_alone()
    {
        var database = await TestServers.CreateDatabaseAsync("identity");
        string signingKey;
        string cookie;
        await using (var before = await StartAsync(database, rotation.Before))
        {
            signingKey = before.Get<KeyRing>().Active(RingCredentials.SigningPurpose).Id;
            cookie = Protector(before).Protect("session of 王秀兰");
        }

        var newKeyAlone = rotation.NewKeyAlone;
        var sealedUnderOldKey = await SealedAsync(database);
        Assert.All(sealedUnderOldKey, s => Assert.ThrowsAny<CryptographicException>(() => newKeyAlone.Unprotect(s.Purpose, s.Id, s.Cipher)));

        await using (var during = await StartAsync(database, rotation.During))
        {
            Assert.Equal(signingKey, during.Get<KeyRing>().Active(RingCredentials.SigningPurpose).Id);
            await KeyEncryptionKeyRotation.ResealedAsync(during);
        }

        // Every signing key and Data Protection key sealed before (and nothing else) opens under the new key alone.
        var resealed = await SealedAsync(database);
        Assert.Equal(sealedUnderOldKey.Select(s => (s.Purpose, s.Id)).Order(), resealed.Select(s => (s.Purpose, s.Id)).Order());
        Assert.Contains(resealed, s => s.Purpose == KeyRingXmlEncryptor.Purpose);
        Assert.All(resealed, s => newKeyAlone.Unprotect(s.Purpose, s.Id, s.Cipher));

        await using var after = await StartAsync(database, rotation.After);
        Assert.Equal(signingKey, after.Get<KeyRing>().Active(RingCredentials.SigningPurpose).Id);
        Assert.Equal("session of 王秀兰", Protector(after).Unprotect(cookie));
    }

    private static IDataProtector Protector(ServiceHost<Program> host) => host.Get<IDataProtectionProvider>().CreateProtector("kek-rotation-test");

    private static Task<ServiceHost<Program>> StartAsync(string database, Dictionary<string, string> keys) =>
        ServiceHost<Program>.StartOnAsync(IdentityServiceExtensions.ServiceName, database, keys);

    /// <summary>What identity keeps sealed: each signing key, and the sealed part of each Data Protection key's XML.</summary>
    private static async Task<List<(string Purpose, string Id, byte[] Cipher)>> SealedAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        var stored = new List<(string, string, byte[])>();
        await using (var command = new NpgsqlCommand("SELECT purpose, id, protected_private_key FROM signing_keys", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                stored.Add((reader.GetString(0), reader.GetString(1), (byte[])reader[2]));
            }
        }

        await using (var command = new NpgsqlCommand("SELECT xml FROM data_protection_keys", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var sealedPart = XElement.Parse(reader.GetString(0)).Descendants().Single(e => e.Name.LocalName == "encrypted");
                stored.Add((KeyRingXmlEncryptor.Purpose, KeyRingXmlEncryptor.Id, Convert.FromBase64String(sealedPart.Value)));
            }
        }

        return stored;
    }
}
