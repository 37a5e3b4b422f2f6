using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace PartyGrid.ServiceDefaults.Problems;

public static class ProblemDetailsSetup
{
    /// <summary>
    /// Every error is RFC 9457 problem+json with a stable <c>code</c> and the trace id, including the
    /// bodiless 401/403/404/405/413 answers that the framework produces itself.
    /// </summary>
    public static IServiceCollection AddPartyGridProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Extensions.TryAdd("code", ProblemCodes.ForStatus(problem.Status ?? context.HttpContext.Response.StatusCode));
            problem.Extensions.TryAdd("traceId", Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier);
        });
}
