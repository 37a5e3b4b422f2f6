using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using PartyGrid.Gateway.Data;

namespace PartyGrid.Gateway.ApiKeys;

/// <summary>What the gateway needs of a key on every request.</summary>
public sealed record PartnerKey(Guid Id, string Name, Guid OrganisationId, IReadOnlyList<string> Scopes, int? RequestsPerMinute);

/// <summary>
/// Finds the key behind a secret. Keys found are cached briefly so a busy partner costs one database
/// probe per half minute; revoking here drops the entry at once, and other gateway replicas see
/// the revocation within <see cref="CacheFor"/>. Misses are never cached and the cache holds at most
/// <see cref="MaxCachedKeys"/> keys, so random secrets cannot grow it.
/// </summary>
public sealed class ApiKeyStore(IServiceScopeFactory scopes) : IDisposable
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    public const int MaxCachedKeys = 10_000;

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = MaxCachedKeys });

    public async Task<PartnerKey?> FindAsync(string secret, CancellationToken cancellationToken)
    {
        if (!ApiKeySecret.LooksValid(secret))
        {
            return null;
        }

        var hash = ApiKeySecret.Hash(secret);
        var cacheKey = CacheKey(hash);
        if (cache.TryGetValue(cacheKey, out PartnerKey? known))
        {
            return known;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        var key = await db.ApiKeys.AsNoTracking()
            .Where(k => k.SecretHash == hash && k.RevokedAt == null)
            .Select(k => new PartnerKey(k.Id, k.Name, k.OrganisationId, k.Scopes, k.RequestsPerMinute))
            .FirstOrDefaultAsync(cancellationToken);
        if (key is not null)
        {
            cache.Set(cacheKey, key, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = CacheFor });
        }

        return key;
    }

    public void Dispose() => cache.Dispose();

    public void Forget(ApiKey key) => cache.Remove(CacheKey(key.SecretHash));

    private static string CacheKey(byte[] hash) => "api-key:" + Convert.ToHexString(hash);
}
