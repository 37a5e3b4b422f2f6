using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using PartyGrid.ServiceDefaults.Problems;

namespace PartyGrid.Gateway.Edge;

/// <summary>
/// Failed credentials counted per remote address, checked before authentication: once an address has
/// spent its allowance of 401s, its further requests meet 429 without a token being validated or an
/// API key looked up, so a flood of guessed keys costs neither CPU nor database queries. Requests that
/// authenticate are not counted; the per-client limits that follow authentication still apply.
/// </summary>
public sealed class CredentialFailureLimits(IOptions<GatewayOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> failures = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetTokenBucketLimiter(address, _ => ClientRateLimits.BucketOptions(options.Value.FailedCredentialsPerMinute)));

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (failures.GetStatistics(address) is { CurrentAvailablePermits: <= 0 })
        {
            var wait = ClientRateLimits.BucketOptions(options.Value.FailedCredentialsPerMinute).ReplenishmentPeriod;
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await Problems.Of(StatusCodes.Status429TooManyRequests, "too-many-failed-credentials",
                    $"Too many requests with invalid credentials from this address; try again in {context.Response.Headers.RetryAfter} s.")
                .ExecuteAsync(context);
            return;
        }

        await next(context);
        if (context.Response.StatusCode == StatusCodes.Status401Unauthorized)
        {
            failures.AttemptAcquire(address).Dispose();
        }
    }

    public void Dispose() => failures.Dispose();
}
