using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using PartyGrid.ServiceDefaults.Problems;

namespace PartyGrid.Gateway.Edge;

/// <summary>
/// Bodies beyond the limit are refused before anything is forwarded: a declared length at once
/// (413 problem), a chunked body by Kestrel as soon as it passes the limit.
/// </summary>
public static class RequestBodyLimits
{
    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var options = context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value;
            var limit = context.Request.Path.StartsWithSegments("/api/v1/organisations/import") || context.Request.Path.StartsWithSegments("/api/v1/tickets/import")
                ? options.MaxImportBodyBytes
                : options.MaxRequestBodyBytes;
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }

            if (context.Request.ContentLength > limit)
            {
                await Problems.Of(StatusCodes.Status413PayloadTooLarge, "payload-too-large",
                        $"The body is {context.Request.ContentLength} bytes; this path takes at most {limit}.")
                    .ExecuteAsync(context);
                return;
            }

            await next(context);
        });
}
