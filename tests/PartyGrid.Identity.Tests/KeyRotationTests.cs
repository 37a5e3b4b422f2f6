using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartyGrid.Identity.Data;
using PartyGrid.Identity.SignIn;
using PartyGrid.ServiceDefaults.Keys;
using PartyGrid.Testing;

namespace PartyGrid.Identity.Tests;

/// <summary>The key ring over a key's life, on the host's fake clock: published before it signs, kept after it retires, then forgotten.</summary>
// A host of its own: the test moves its clock past a key's whole life.
public sealed class KeyRotationTests(IdentityService identity) : IClassFixture<IdentityService>
{
    [Fact]
    public async Task A_successor_is_published_a_lead_before_it_signs_and_the_old_key_validates_until_forgotten()
    {
        var ring = identity.Host.Get<KeyRing>();
        var options = identity.Host.Get<IOptions<KeyRingOptions>>().Value;
        await RunRotationAsync();
        var first = ring.Active(RingCredentials.SigningPurpose);

        // Just inside the lead before it retires: the successor is published, the first key still signs.
        identity.Host.Time.SetUtcNow(first.RetiresAt - options.PublishLead + TimeSpan.FromSeconds(1));
        await RunRotationAsync();
        var published = ring.Published(RingCredentials.SigningPurpose);
        var successor = Assert.Single(published, k => k.Id != first.Id && k.ActivatesAt > identity.Host.Time.GetUtcNow());
        Assert.Equal(first.Id, ring.Active(RingCredentials.SigningPurpose).Id);
        Assert.True(successor.ActivatesAt - identity.Host.Time.GetUtcNow() >= options.PublishLead - TimeSpan.FromSeconds(1));

        // At its activation the successor signs; the first validates on.
        identity.Host.Time.SetUtcNow(successor.ActivatesAt);
        await RunRotationAsync();
        Assert.Equal(successor.Id, ring.Active(RingCredentials.SigningPurpose).Id);
        Assert.Contains(ring.Published(RingCredentials.SigningPurpose), k => k.Id == first.Id);

        // OpenIddict signs with the successor without a restart, and still lists the first in its JWKS.
        var server = identity.Host.Get<IOptionsMonitor<OpenIddict.Server.OpenIddictServerOptions>>().CurrentValue;
        Assert.Equal(successor.Id, server.SigningCredentials[0].Key.KeyId);
        Assert.Contains(server.SigningCredentials, c => c.Key.KeyId == first.Id);

        // After its retention the first is gone, from the ring and from the database.
        identity.Host.Time.SetUtcNow(successor.ActivatesAt + options.RetainAfterRetirement + TimeSpan.FromSeconds(1));
        await RunRotationAsync();
        Assert.DoesNotContain(ring.Published(RingCredentials.SigningPurpose), k => k.Id == first.Id);
        await using var scope = identity.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        Assert.Null(await db.Set<StoredKey>().FindAsync(first.Id));
    }

    /// <summary>The rotation as operators run it now (the dashboard's command); moving the clock also wakes its own timer.</summary>
    private async Task RunRotationAsync()
    {
        using var admin = identity.Admin();
        await Json.ReadAsync(await admin.PostAsync("/api/v1/signing-keys/jobs/key-rotation/run", null), System.Net.HttpStatusCode.OK);
    }

    [Fact]
    public async Task Private_keys_are_stored_encrypted_and_bound_to_their_id()
    {
        await using var scope = identity.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        var stored = db.Set<StoredKey>().AsEnumerable().First();
        var protector = identity.Host.Get<KeyProtector>();
        var pkcs8 = protector.Unprotect(stored.Purpose, stored.Id, stored.ProtectedPrivateKey);
        using var rsa = System.Security.Cryptography.RSA.Create();
        rsa.ImportPkcs8PrivateKey(pkcs8, out _);
        Assert.False(stored.ProtectedPrivateKey.AsSpan().IndexOf(pkcs8.AsSpan(0, 32)) >= 0);
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => protector.Unprotect(stored.Purpose, "another-id", stored.ProtectedPrivateKey));
    }
}
