using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PartyGrid.ServiceDefaults.Hosting;

public sealed class AdmissionOptions
{
    public const string Section = "Admission";

    /// <summary>Requests a process works on at once; 0 (the default) means 16 per core.</summary>
    [Range(0, 10_000)]
    public int MaxConcurrentRequests { get; set; }

    /// <summary>Requests that wait, oldest first, for one of those places; beyond them a request is refused at once.</summary>
    [Range(0, 100_000)]
    public int QueueLimit { get; set; } = 2_000;

    public int ConcurrencyFor(int cores) => MaxConcurrentRequests > 0 ? MaxConcurrentRequests : 16 * cores;
}

[OptionsValidator]
public sealed partial class AdmissionOptionsValidator : IValidateOptions<AdmissionOptions>;

/// <summary>
/// How many requests a process works on at once. Past its best concurrency a service only gets slower
/// for everyone: open-loop intake at half the closed-loop peak let ~500 submissions in at once after a
/// hiccup, each holding a database connection and a transaction on two cores, and the queue never
/// drained (p50 7–11 s); with the work admitted a few dozen at a time the same load was served in
/// ~100 ms. Waiting requests cost a queue entry, not a transaction. A request past the queue is
/// refused at once (503, Retry-After) rather than kept until its caller gives up; one whose caller
/// has gone leaves the queue. Health probes are never held: an overloaded replica is still alive.
/// </summary>
public sealed partial class RequestAdmission : IDisposable
{
    private readonly ConcurrencyLimiter limiter;
    private readonly ILogger<RequestAdmission> logger;

    public RequestAdmission(IOptions<AdmissionOptions> options, ILogger<RequestAdmission> logger)
    {
        this.logger = logger;
        limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.Value.ConcurrencyFor(Environment.ProcessorCount),
            QueueLimit = options.Value.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (ServiceDefaultsExtensions.IsProbe(context.Request.Path))
        {
            await next(context);
            return;
        }

        using var lease = await limiter.AcquireAsync(1, context.RequestAborted);
        if (!lease.IsAcquired)
        {
            LogRefused(logger, context.Request.Method, context.Request.Path);
            context.Response.Headers.RetryAfter = "1";
            await Problems.Problems.Of(StatusCodes.Status503ServiceUnavailable, "overloaded",
                    "The service has more requests waiting than it takes; try again in 1 s.")
                .ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    public void Dispose() => limiter.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Path}: the admission queue is full")]
    private static partial void LogRefused(ILogger logger, string method, PathString path);
}
