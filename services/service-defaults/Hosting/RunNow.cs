using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PartyGrid.ServiceDefaults.Identity;

namespace PartyGrid.ServiceDefaults.Hosting;

/// <summary>What one run asked for by an operator handled.</summary>
public sealed record JobRun(string Job, int Handled, DateTimeOffset FinishedAt);

public static class RunNow
{
    /// <summary>
    /// <c>POST {path}</c>: admin runs a periodic job now instead of at its next tick, as the dashboard's
    /// "run now" command does (after a calendar change, say). A run already going is waited for, so the
    /// answer reflects everything committed. Operators' tooling, not part of the public API document.
    /// </summary>
    public static RouteHandlerBuilder MapRunNow<TJob>(this IEndpointRouteBuilder app, string path, string job)
        where TJob : PeriodicJob =>
        app.MapPost(path, async (TJob periodic, TimeProvider time, CancellationToken cancellationToken) =>
                TypedResults.Ok(new JobRun(job, await periodic.RunOnceAsync(cancellationToken), time.GetUtcNow())))
            .RequireAuthorization(Policies.Admin)
            .ExcludeFromDescription();
}
