using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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

        IResult result = bad.StatusCode != StatusCodes.Status400BadRequest
            ? Problems.Of(bad.StatusCode, ProblemCodes.ForStatus(bad.StatusCode), bad.Message)
            : await MistypedAsync(context, bad, cancellationToken) is { Count: > 0 } mistyped
                ? Problems.Validation(mistyped)
                : Problems.Field(FieldOf(bad), Reason(bad));
        await result.ExecuteAsync(context);
        return true;
    }

    /// <summary>Every mistyped field of a JSON body the binder refused, when the body was kept and is JSON.</summary>
    private static async Task<IDictionary<string, string[]>?> MistypedAsync(HttpContext context, BadHttpRequestException bad, CancellationToken cancellationToken)
    {
        if (bad.InnerException is not JsonException
            || context.Features.Get<ReplayableJsonBody>() is not { } kept
            || !context.Request.Body.CanSeek)
        {
            return null;
        }

        context.Request.Body.Position = 0;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: cancellationToken);
            var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            return MistypedFields.Of(body.RootElement, kept.Type, options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The field a binding failure is about: the JSON path of a body error, or the parameter's name.</summary>
    public static string FieldOf(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException { Path: { Length: > 0 } path })
        {
            return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        }

        // A parameter bound through [AsParameters] is named by its property (OrgId): the API's name is camel case.
        return ParameterName().Match(exception.Message) is { Success: true } match
            ? System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(match.Groups[1].Value)
            : "body";
    }

    private static string Reason(BadHttpRequestException exception) => exception.InnerException is JsonException
        ? "is not valid here (wrong type, malformed JSON or out of range)"
        : "has a value of the wrong type or out of range";

    // "Failed to bind parameter "int? limit" from "abc"." — the name is the last word inside the first quotes.
    [GeneratedRegex("parameter \"(?:[^\"]* )?([A-Za-z0-9_]+)\"")]
    private static partial Regex ParameterName();
}

/// <summary>A JSON body kept for a second reading, and the type the endpoint binds it to.</summary>
public sealed record ReplayableJsonBody(Type Type);

public static class ReplayableJsonBodies
{
    /// <summary>
    /// Keeps a JSON body an endpoint reads, so that a binding failure can be explained field by field
    /// (bodies are at most <see cref="Hosting.ServiceDefaultsExtensions.MaxRequestBodyBytes"/>).
    /// </summary>
    public static IApplicationBuilder UseReplayableJsonBodies(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            // The endpoint is looked up here: the exception handler sees the request without it.
            if (context.Request.HasJsonContentType() && context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType is { } type)
            {
                context.Request.EnableBuffering();
                context.Features.Set(new ReplayableJsonBody(type));
            }

            await next(context);
        });
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
