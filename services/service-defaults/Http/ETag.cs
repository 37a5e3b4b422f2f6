using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using PartyGrid.ServiceDefaults.Problems;

namespace PartyGrid.ServiceDefaults.Http;

/// <summary>Optimistic concurrency over HTTP: the ETag is the aggregate's version.</summary>
public static class ETag
{
    public static string For(long version) => $"\"{version}\"";

    public static void Set(HttpResponse response, long version) => response.Headers.ETag = For(version);

    /// <summary>Null when <c>If-Match</c> names the current version; otherwise the 428/412 to answer.</summary>
    public static ProblemHttpResult? Check(HttpRequest request, long currentVersion)
    {
        var ifMatch = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return Problems.Problems.PreconditionRequired();
        }

        var current = For(currentVersion);
        return ifMatch.Split(',').Select(t => t.Trim()).Any(t => t == "*" || t == current || t == "W/" + current)
            ? null
            : Problems.Problems.PreconditionFailed($"It has changed since it was read; its current ETag is {current}.");
    }
}
