using Microsoft.AspNetCore.Http.Extensions;
using PartyGrid.Gateway.ApiKeys;

namespace PartyGrid.Gateway.Edge;

/// <summary>
/// Open311 clients send their key as the spec has it, an <c>api_key</c> parameter in the query or the
/// form. At the edge it becomes the <c>X-Api-Key</c> header every partner key travels in, and is taken
/// out of what is forwarded, so the key never leaves the gateway whichever way it came.
/// </summary>
public static class Open311Keys
{
    public const string Prefix = "/open311/v2";
    public const string Parameter = "api_key";

    public static IApplicationBuilder UseOpen311Keys(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(Prefix))
            {
                await MoveKeyAsync(context.Request, context.RequestAborted);
            }

            await next(context);
        });

    private static async Task MoveKeyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var key = request.Query[Parameter].ToString();
        if (request.Query.ContainsKey(Parameter))
        {
            var query = new QueryBuilder(request.Query.Where(p => p.Key != Parameter).SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v ?? string.Empty))));
            request.QueryString = query.ToQueryString();
        }

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            key = form[Parameter].ToString() is { Length: > 0 } inForm ? inForm : key;

            // Re-encoded without the key (and without files: Open311 media travel as media_url).
            var fields = form.Where(f => f.Key != Parameter).SelectMany(f => f.Value.Select(v => KeyValuePair.Create(f.Key, v ?? string.Empty)));
            using var encoded = new FormUrlEncodedContent(fields);
            var body = await encoded.ReadAsByteArrayAsync(cancellationToken);
            request.Body = new MemoryStream(body);
            request.ContentLength = body.Length;
            request.ContentType = "application/x-www-form-urlencoded; charset=utf-8";
        }

        if (key.Length > 0 && !request.Headers.ContainsKey(ApiKeyAuthentication.Header))
        {
            request.Headers[ApiKeyAuthentication.Header] = key;
        }
    }
}
