using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartyGrid.ServiceDefaults.Hosting;

namespace PartyGrid.ServiceDefaults.Keys;

/// <summary>
/// Keeps a service's key ring in its database and its <see cref="KeyRing"/> in step with it: at start
/// and every <see cref="KeyRingOptions.CheckInterval"/> it makes sure each purpose has a key that
/// signs, publishes a successor <see cref="KeyRingOptions.PublishLead"/> before the current one
/// retires, forgets keys past their retention, and loads what is stored. Replicas serialise on an
/// advisory lock, so they agree on one key.
/// </summary>
public sealed partial class KeyRotation<TContext>(
    IServiceScopeFactory scopes, KeyRing ring, KeyProtector protector, IOptions<KeyRingOptions> options,
    KeyPurposes purposes, TimeProvider time, ILogger<KeyRotation<TContext>> logger)
    : PeriodicJob(time, logger)
    where TContext : DbContext
{
    // Any fixed number unique among the advisory locks a service takes.
    private const long LockKey = 0x5047_4B45_5952_494E;

    protected override TimeSpan Interval => options.Value.CheckInterval;

    protected override string Work => "Key rotation";

    /// <summary>The ring is loaded before the process serves anything: tokens cannot be signed or checked without it.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await RunOnceAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>
    /// Publishes a successor of the active key now; it signs from <see cref="KeyRingOptions.PublishLead"/>
    /// on, and the active key retires then. A successor already waiting is kept. Returns its id.
    /// </summary>
    public async Task<string> RotateAsync(string purpose, CancellationToken cancellationToken)
    {
        string id = string.Empty;
        await InLockAsync((db, stored, now) =>
        {
            var pending = stored.Where(k => k.Purpose == purpose && k.ActivatesAt > now).MaxBy(k => k.ActivatesAt);
            if (pending is not null)
            {
                id = pending.Id;
                return Task.FromResult(0);
            }

            var activatesAt = now + options.Value.PublishLead;
            foreach (var active in stored.Where(k => k.Purpose == purpose && k.RetiresAt > activatesAt))
            {
                Retire(active, activatesAt);
            }

            id = Add(db, purpose, activatesAt, now).Id;
            return Task.FromResult(1);
        }, cancellationToken);
        return id;
    }

    protected override Task<int> RunAsync(CancellationToken cancellationToken) =>
        InLockAsync(async (db, stored, now) =>
        {
            var changes = await db.Set<StoredKey>().Where(k => k.ForgottenAt <= now).ExecuteDeleteAsync(cancellationToken);
            foreach (var purpose in purposes.Names)
            {
                var mine = stored.Where(k => k.Purpose == purpose && k.ForgottenAt > now).ToList();
                var active = mine.Where(k => k.ActivatesAt <= now && now < k.RetiresAt).MaxBy(k => k.ActivatesAt);
                if (active is null)
                {
                    // The first key of a new installation (or after an outage longer than a key's life): nobody holds a token to lose.
                    Add(db, purpose, now, now);
                    changes++;
                    continue;
                }

                var successorDue = active.RetiresAt - options.Value.PublishLead <= now;
                if (successorDue && !mine.Any(k => k.ActivatesAt > active.ActivatesAt))
                {
                    // Published a full lead before it signs, even when this run comes late.
                    var activatesAt = active.RetiresAt > now + options.Value.PublishLead ? active.RetiresAt : now + options.Value.PublishLead;
                    Retire(active, activatesAt);
                    Add(db, purpose, activatesAt, now);
                    changes++;
                }
            }

            return changes;
        }, cancellationToken);

    private async Task<int> InLockAsync(Func<TContext, List<StoredKey>, DateTimeOffset, Task<int>> work, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var now = Time.GetUtcNow();
        int changes;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
            var stored = await db.Set<StoredKey>().ToListAsync(cancellationToken);
            changes = await work(db, stored, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var kept = await db.Set<StoredKey>().AsNoTracking().Where(k => k.ForgottenAt > now).ToListAsync(cancellationToken);
        ring.Load(kept.Select(k => new RingKey(
            k.Id, k.Purpose, k.ActivatesAt, k.RetiresAt, k.ForgottenAt,
            ring.Known(k.Id) ?? KeyRing.Import(k.Id, protector.Unprotect(k.Purpose, k.Id, k.ProtectedPrivateKey)))).ToList());
        if (changes > 0)
        {
            LogRotated(logger, changes);
        }

        return changes;
    }

    private void Retire(StoredKey key, DateTimeOffset at)
    {
        key.RetiresAt = at;
        key.ForgottenAt = at + options.Value.RetainAfterRetirement;
    }

    private StoredKey Add(TContext db, string purpose, DateTimeOffset activatesAt, DateTimeOffset now)
    {
        using var rsa = RSA.Create(2048);
        var id = Base64UrlId();
        var retiresAt = activatesAt + options.Value.KeyLifetime;
        var key = new StoredKey
        {
            Id = id,
            Purpose = purpose,
            CreatedAt = now,
            ActivatesAt = activatesAt,
            RetiresAt = retiresAt,
            ForgottenAt = retiresAt + options.Value.RetainAfterRetirement,
            ProtectedPrivateKey = protector.Protect(purpose, id, rsa.ExportPkcs8PrivateKey()),
        };
        db.Add(key);
        return key;
    }

    private static string Base64UrlId() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    [LoggerMessage(Level = LogLevel.Information, Message = "Key ring changed: {Count} keys created or retired")]
    private static partial void LogRotated(ILogger logger, int count);
}

/// <summary>What a service's key ring holds keys for (identity: signing and encryption; the gateway: partner signing).</summary>
public sealed record KeyPurposes(IReadOnlyList<string> Names);
