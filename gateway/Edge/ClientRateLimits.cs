using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using PartyGrid.Gateway.ApiKeys;
using PartyGrid.ServiceDefaults.Identity;
using PartyGrid.ServiceDefaults.Problems;

namespace PartyGrid.Gateway.Edge;

/// <summary>
/// A token bucket per client: per API key (with the key's own quota when it has one), per staff
/// subject, and per remote address for requests without valid credentials. A bucket holds ten
/// seconds of the quota, so short bursts pass and a sustained excess meets 429 with Retry-After.
/// Ratings posted through residents' links are limited per address on their own, far lower.
/// Health probes are never limited.
/// </summary>
public static class ClientRateLimits
{
    /// <summary>The residents' rating pages: their submissions have a bucket of their own per address.</summary>
    public const string RatingLinks = "/rate";

    public static IServiceCollection AddClientRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value;
                if (context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments("/alive"))
                {
                    return RateLimitPartition.GetNoLimiter("probes");
                }

                if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments(RatingLinks))
                {
                    return Bucket($"rating:{context.Connection.RemoteIpAddress}", options.RatingSubmissionsPerMinute);
                }

                var user = context.User;
                if (user.FindFirst(PartyGridClaims.ApiKey)?.Value is { } keyId)
                {
                    var quota = int.TryParse(user.FindFirst(ApiKeyAuthentication.QuotaClaim)?.Value, CultureInfo.InvariantCulture, out var own)
                        ? own
                        : options.RequestsPerMinute;
                    return Bucket($"key:{keyId}:{quota}", quota);
                }

                if (user.Identity?.IsAuthenticated == true && user.FindFirst(PartyGridClaims.Subject)?.Value is { } subject)
                {
                    return Bucket($"sub:{subject}", options.RequestsPerMinute);
                }

                return Bucket($"ip:{context.Connection.RemoteIpAddress}", options.AnonymousRequestsPerMinute);
            });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var response = rejected.HttpContext.Response;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Problems.Of(StatusCodes.Status429TooManyRequests, "rate-limited",
                        $"Too many requests from this client; try again in {response.Headers.RetryAfter} s.")
                    .ExecuteAsync(rejected.HttpContext);
            };
        });

    /// <summary>The bucket for a quota of <paramref name="perMinute"/>: refilled every second, or one token at a time for small quotas.</summary>
    public static TokenBucketRateLimiterOptions BucketOptions(int perMinute) => perMinute >= 60
        ? new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(perMinute / 6, perMinute / 60),
            TokensPerPeriod = perMinute / 60,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }
        : new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, perMinute / 6),
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(60.0 / perMinute),
            QueueLimit = 0,
            AutoReplenishment = true,
        };

    private static RateLimitPartition<string> Bucket(string partition, int perMinute) =>
        RateLimitPartition.GetTokenBucketLimiter(partition, _ => BucketOptions(perMinute));
}
