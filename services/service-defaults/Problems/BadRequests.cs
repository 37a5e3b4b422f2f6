using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace PartyGrid.ServiceDefaults.Problems;

/// <summary>
/// Requests the framework cannot bind — a query value of the wrong type, a body that is not JSON or
/// has a field of the wrong type, a number too big — are answered as the 400 problem every endpoint
/// gives for bad input, naming the field, in every environment (never the 500 of an unhandled
/// exception). Other statuses such a request carries (the 401 of a token without PartyGrid claims) stand.
/// </summary>
public sealed partial class BadRequests : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var result = bad.StatusCode == StatusCodes.Status400BadRequest
            ? Problems.Field(FieldOf(bad), Reason(bad))
            : Problems.Of(bad.StatusCode, ProblemCodes.ForStatus(bad.StatusCode), bad.Message);
        await result.ExecuteAsync(context);
        return true;
    }

    /// <summary>The field a binding failure is about: the JSON path of a body error, or the parameter's name.</summary>
    public static string FieldOf(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException { Path: { Length: > 0 } path })
        {
            return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        }

        return ParameterName().Match(exception.Message) is { Success: true } match ? match.Groups[1].Value : "body";
    }

    private static string Reason(BadHttpRequestException exception) => exception.InnerException is JsonException
        ? "is not valid here (wrong type, malformed JSON or out of range)"
        : "has a value of the wrong type or out of range";

    // "Failed to bind parameter "int? limit" from "abc"." — the name is the last word inside the first quotes.
    [GeneratedRegex("parameter \"(?:[^\"]* )?([A-Za-z0-9_]+)\"")]
    private static partial Regex ParameterName();
}

/// <summary>
/// PostgreSQL cannot store the NUL character, so a query value carrying one is refused at the door as
/// a 400 naming the parameter. (NUL inside JSON bodies is issue 18's, item 12.)
/// </summary>
public static class NulCharacters
{
    public const string Refusal = "must not contain the NUL character";

    public static IApplicationBuilder UseNulCharacterRefusal(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.QueryString.HasValue && context.Request.QueryString.Value!.Contains("%00", StringComparison.Ordinal))
            {
                foreach (var (name, values) in context.Request.Query)
                {
                    if (name.Contains('\0', StringComparison.Ordinal) || values.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true))
                    {
                        await Problems.Field(name.Replace("\0", string.Empty, StringComparison.Ordinal), Refusal).ExecuteAsync(context);
                        return;
                    }
                }
            }

            await next(context);
        });
}
