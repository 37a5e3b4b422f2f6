using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace PartyGrid.Gateway.Console;

/// <summary>
/// The staff console's built files (<c>web/console/dist</c>) at <c>/</c>, on the API's origin so no
/// CORS is needed. Hashed assets are cached for a year, <c>index.html</c> is revalidated on every
/// visit (a new release is seen at once), and a path of the console's own router gets the page.
/// Without <see cref="GatewayOptions.ConsoleRoot"/> the gateway serves the API only.
/// </summary>
public static class ConsoleFiles
{
    private const string Page = "/index.html";

    // Everything else the gateway answers (the API, its documents and reference, health, and the
    // paths the identity service answers without a token); a miss under these is the API's 404, never the page.
    private static readonly string[] ApiPrefixes =
    [
        "/api", "/openapi", ApiReference.Path, "/health", "/alive",
        .. Backends.AnonymousPaths.Select(p => "/" + p.Path.Split('/', StringSplitOptions.RemoveEmptyEntries)[0]).Distinct(),
    ];

    public static bool IsConsolePath(PathString path) => !ApiPrefixes.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    public static WebApplication UseConsoleFiles(this WebApplication app, GatewayOptions options)
    {
        if (options.ConsoleRoot is not { } root || !File.Exists(Path.Combine(root, "index.html")))
        {
            return app;
        }

        var files = new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.GetFullPath(root)),
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl =
                context.Context.Request.Path.StartsWithSegments("/assets") ? "public, max-age=31536000, immutable"
                : context.Context.Request.Path == Page ? "no-cache"
                : "public, max-age=3600",
        };
        app.UseWhen(
            context => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method),
            branch => branch.UseWhen(context => IsConsolePath(context.Request.Path), console =>
            {
                console.Use((context, next) =>
                {
                    // A route of the console (no file extension) is the page; its router takes it from there.
                    var path = context.Request.Path.Value ?? "/";
                    if (!Path.HasExtension(path) && AcceptsHtml(context.Request))
                    {
                        context.Request.Path = Page;
                    }

                    return next(context);
                });
                console.UseStaticFiles(files);
            }));
        return app;
    }

    private static bool AcceptsHtml(HttpRequest request) =>
        request.GetTypedHeaders().Accept is not { Count: > 0 } accept
        || accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) || a.MediaType.Equals("*/*", StringComparison.OrdinalIgnoreCase));
}
