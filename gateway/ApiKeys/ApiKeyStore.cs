using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using PartyGrid.Gateway.Data;

namespace PartyGrid.Gateway.ApiKeys;

/// <summary>What the gateway needs of a key on every request.</summary>
public sealed record PartnerKey(Guid Id, string Name, Guid OrganisationId, IReadOnlyList<string> Scopes, int? RequestsPerMinute);

/// <summary>
/// Finds the key behind a secret. Answers are cached briefly so a busy partner costs one database
/// probe per half minute; revoking here drops the entry at once, and other gateway replicas see
/// the revocation within <see cref="CacheFor"/>.
/// </summary>
public sealed class ApiKeyStore(IServiceScopeFactory scopes, IMemoryCache cache)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

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
        cache.Set(cacheKey, key, CacheFor);
        return key;
    }

    public void Forget(ApiKey key) => cache.Remove(CacheKey(key.SecretHash));

    private static string CacheKey(byte[] hash) => "api-key:" + Convert.ToHexString(hash);
}
