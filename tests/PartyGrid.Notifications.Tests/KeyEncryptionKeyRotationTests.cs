using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Npgsql;
using PartyGrid.Notifications.Delivery;
using PartyGrid.ServiceDefaults.Keys;
using PartyGrid.Testing;

namespace PartyGrid.Notifications.Tests;

/// <summary>
/// Rotating the key-encryption key that seals webhook signing secrets: deployed with the new key and the
/// old one as previous, the service reseals every secret (current and previous) under the new key, so
/// the old key can then be removed and partners keep their secrets.
/// </summary>
public sealed class KeyEncryptionKeyRotationTests
{
    private readonly KeyEncryptionKeyRotation rotation = new();

    [Fact]
    public async Task After_a_run_with_the_old_key_as_previous_every_secret_opens_under_the_new_key_alone()
    {
        var database = await TestServers.CreateDatabaseAsync("notifications");
        var county = new TestCounty();
        var secrets = new Dictionary<Guid, List<string>>();
        await using (var before = await StartAsync(database, rotation.Before))
        {
            await county.ProjectInto(database);
            using var partner = before.ClientForPartner(county.T1, "tickets:read", "tickets:write");
            for (var i = 0; i < 3; i++)
            {
                var created = await Json.ReadAsync(
                    await partner.PostAsJsonAsync("/api/v1/webhooks", new { url = $"http://127.0.0.1:9/hook-{i}", eventTypes = new[] { "ticket.accepted" } }), HttpStatusCode.Created);
                secrets[created.GetProperty("id").GetGuid()] = [created.Text("secret")];
            }

            // One subscription mid-rotation: its previous secret still signs and is sealed too.
            var rotatedId = secrets.Keys.First();
            var rotated = await Json.ReadAsync(await partner.PostAsync($"/api/v1/webhooks/{rotatedId}/rotate-secret", null), HttpStatusCode.OK);
            secrets[rotatedId].Insert(0, rotated.Text("secret"));
        }

        // Under the new key alone, the old seals do not open: the previous key is needed for the change-over.
        var newKeyAlone = rotation.NewKeyAlone;
        var sealedUnderOldKey = await SealedAsync(database);
        Assert.ThrowsAny<CryptographicException>(() => Opened(newKeyAlone, sealedUnderOldKey));

        await using (var during = await StartAsync(database, rotation.During))
        {
            await KeyEncryptionKeyRotation.ResealedAsync(during);
            Assert.Equal(secrets, Opened(newKeyAlone, await SealedAsync(database)));
        }

        // The old key removed: the service starts and still opens every secret it signs with.
        await using var after = await StartAsync(database, rotation.After);
        var webhookSecrets = after.Get<WebhookSecrets>();
        foreach (var (id, ciphers) in await SealedAsync(database))
        {
            Assert.Equal(secrets[id], ciphers.Select(c => webhookSecrets.Open(id, c)).ToList());
        }
    }

    private static Task<ServiceHost<Program>> StartAsync(string database, Dictionary<string, string> keys) =>
        ServiceHost<Program>.StartOnAsync(NotificationsServiceExtensions.ServiceName, database, new Dictionary<string, string>(keys)
        {
            ["Webhooks:AllowPrivateTargets"] = "true",
            ["Webhooks:PublicUrl"] = "http://partygrid.test",
        });

    private static Dictionary<Guid, List<string>> Opened(KeyProtector protector, Dictionary<Guid, List<byte[]>> sealedSecrets) =>
        sealedSecrets.ToDictionary(s => s.Key, s => s.Value.Select(c => System.Text.Encoding.UTF8.GetString(protector.Unprotect(WebhookSecrets.Purpose, s.Key.ToString(), c))).ToList());

    /// <summary>Each subscription's sealed secrets as stored: the current one, then the previous one if any.</summary>
    private static async Task<Dictionary<Guid, List<byte[]>>> SealedAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id, secret_cipher, previous_secret_cipher FROM subscriptions", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var stored = new Dictionary<Guid, List<byte[]>>();
        while (await reader.ReadAsync())
        {
            var ciphers = new List<byte[]> { (byte[])reader[1] };
            if (!reader.IsDBNull(2))
            {
                ciphers.Add((byte[])reader[2]);
            }

            stored[reader.GetGuid(0)] = ciphers;
        }

        return stored;
    }
}
