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
/// PostgreSQL cannot store the NUL character, so a query value or a JSON string carrying one is
/// refused at the door as a 400 naming the parameter or the field.
/// </summary>
public static class NulCharacters
{
    public const string Refusal = "must not contain the NUL character";

    /// <summary>
    /// JSON bodies of authenticated requests, scanned for a raw NUL or a <c>\u0000</c> escape; only a
    /// body with one is parsed to name the field. A body that is not JSON is left to the binder.
    /// </summary>
    public static IApplicationBuilder UseNulBodyRefusal(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.HasJsonContentType() && context.Request.ContentLength is not 0)
            {
                context.Request.EnableBuffering();
                using var buffer = new MemoryStream();
                await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
                context.Request.Body.Position = 0;
                if (FieldWithNul(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)) is { } field)
                {
                    await Problems.Field(field, Refusal).ExecuteAsync(context);
                    return;
                }
            }

            await next(context);
        });

    /// <summary>The path of the first string (or property name) holding NUL, or null.</summary>
    public static string? FieldWithNul(ReadOnlyMemory<byte> json)
    {
        var bytes = json.Span;
        if (bytes.IndexOf((byte)0) < 0 && bytes.IndexOf("\\u0000"u8) < 0 && bytes.IndexOf("\\U0000"u8) < 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return Find(document.RootElement, string.Empty);
        }
        catch (JsonException)
        {
            return bytes.IndexOf((byte)0) >= 0 ? "body" : null;
        }
    }

    private static string? Find(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String when element.GetString()!.Contains('\0', StringComparison.Ordinal):
                return path.Length == 0 ? "body" : path;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var name = property.Name.Replace("\0", string.Empty, StringComparison.Ordinal);
                    var at = path.Length == 0 ? name : $"{path}.{name}";
                    if (property.Name.Contains('\0', StringComparison.Ordinal))
                    {
                        return at;
                    }

                    if (Find(property.Value, at) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Find(item, $"{path}[{i++}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

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
