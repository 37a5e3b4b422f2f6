namespace PartyGrid.Gateway.Edge;

/// <summary>
/// Headers every answer carries. The API is JSON for programs: nothing may frame it, sniff it or
/// cache it. Only the reference page at <c>/docs</c> and the console at <c>/</c> run scripts, their own.
/// </summary>
public static class SecurityHeaders
{
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";
    private const string DocsPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

    // The identity service's sign-in pages: their own stylesheet, a QR code as a data image, forms posting to themselves.
    private const string SignInPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    // Residents' rating pages: no script at all, their own stylesheet, a form posting to itself.
    private const string RatingPolicy =
        "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    // The staff console: its own scripts only; Element Plus sets inline styles; the QR code of a receipt is a data image.
    private const string ConsolePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers.ContentSecurityPolicy =
                    context.Request.Path.StartsWithSegments(ApiReference.Path) ? DocsPolicy
                    : context.Request.Path.StartsWithSegments("/identity") ? SignInPolicy
                    : context.Request.Path.StartsWithSegments(ClientRateLimits.RatingLinks) ? RatingPolicy
                    : Console.ConsoleFiles.IsConsolePath(context.Request.Path) ? ConsolePolicy
                    : ApiPolicy;
                headers.Remove("Server");
                if (context.Request.IsHttps)
                {
                    headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
                }

                if (context.Request.Path.StartsWithSegments("/api") && !headers.ContainsKey("Cache-Control"))
                {
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            await next(context);
        });
}
