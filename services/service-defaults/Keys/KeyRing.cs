using System.Security.Cryptography;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;

namespace PartyGrid.ServiceDefaults.Keys;

/// <summary>A usable key of the ring: its RSA key pair and the times that decide what it does.</summary>
public sealed record RingKey(string Id, string Purpose, DateTimeOffset ActivatesAt, DateTimeOffset RetiresAt, DateTimeOffset ForgottenAt, RsaSecurityKey Key)
{
    public bool SignsAt(DateTimeOffset now) => ActivatesAt <= now && now < RetiresAt;

    public bool PublishedAt(DateTimeOffset now) => now < ForgottenAt;
}

/// <summary>
/// The keys a process signs and validates with, as last loaded from its database by
/// <see cref="KeyRotation{TContext}"/>. Readers get a consistent snapshot; a change (a new key
/// published, a key activated or forgotten) fires <see cref="ChangeToken"/> so that whatever was
/// built from the keys (OpenIddict's options) is built again without a restart.
/// </summary>
public sealed class KeyRing(TimeProvider time)
{
    private IReadOnlyList<RingKey> keys = [];
    private string fingerprint = string.Empty;
    private CancellationTokenSource changed = new();

    public IChangeToken ChangeToken => new CancellationChangeToken(Volatile.Read(ref changed).Token);

    /// <summary>The key that signs for <paramref name="purpose"/> now: the newest active one.</summary>
    public RingKey Active(string purpose)
    {
        var now = time.GetUtcNow();
        var candidates = Volatile.Read(ref keys).Where(k => k.Purpose == purpose && k.ActivatesAt <= now).ToList();
        return candidates.Where(k => k.SignsAt(now)).MaxBy(k => k.ActivatesAt)
            ?? candidates.MaxBy(k => k.ActivatesAt)
            ?? throw new InvalidOperationException($"The key ring holds no {purpose} key yet.");
    }

    /// <summary>Every key validators should know for <paramref name="purpose"/>: the active one first, then the rest, newest first.</summary>
    public IReadOnlyList<RingKey> Published(string purpose)
    {
        var now = time.GetUtcNow();
        var active = Active(purpose);
        return Volatile.Read(ref keys)
            .Where(k => k.Purpose == purpose && k.PublishedAt(now) && k.Id != active.Id)
            .OrderByDescending(k => k.ActivatesAt)
            .Prepend(active)
            .ToList();
    }

    /// <summary>The key already imported under this id (its private key is decrypted once per process).</summary>
    internal RsaSecurityKey? Known(string id) => Volatile.Read(ref keys).FirstOrDefault(k => k.Id == id)?.Key;

    public bool Holds(string purpose) => Volatile.Read(ref keys).Any(k => k.Purpose == purpose);

    /// <summary>Replaces the keys with those loaded; fires the change token when what signs or what is published changed.</summary>
    internal void Load(IReadOnlyList<RingKey> loaded)
    {
        var now = time.GetUtcNow();
        var print = string.Join(
            ';', loaded.OrderBy(k => k.Id, StringComparer.Ordinal).Select(k => $"{k.Id}:{k.SignsAt(now)}:{k.PublishedAt(now)}"));
        Volatile.Write(ref keys, loaded);
        if (print == fingerprint)
        {
            return;
        }

        fingerprint = print;
        var previous = Interlocked.Exchange(ref changed, new CancellationTokenSource());
        previous.Cancel();
        previous.Dispose();
    }

    internal static RsaSecurityKey Import(string id, byte[] pkcs8)
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(pkcs8, out _);
        return new RsaSecurityKey(rsa) { KeyId = id };
    }
}
