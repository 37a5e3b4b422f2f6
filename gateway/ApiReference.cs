using PartyGrid.ServiceDefaults.OpenApi;
using Scalar.AspNetCore;

namespace PartyGrid.Gateway;

/// <summary>
/// The documents a client developer reads: each service's own at <c>/openapi/{service}.json</c>
/// (proxied), the gateway's (API keys) beside them, and an interactive reference at <c>/docs</c>
/// whose script is served by the gateway itself, so it works without internet access.
/// </summary>
public static class ApiReference
{
    public const string Path = "/docs";
    public const string GatewayDocument = "gateway";

    public static IServiceCollection AddApiReference(this IServiceCollection services) =>
        services.AddOpenApi(GatewayDocument, o => OpenApiConventions.Apply(
            o, "PartyGrid gateway API", "What the gateway answers itself: partner API keys."));

    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference(Path, options =>
        {
            options.WithTitle("PartyGrid API").DisableDefaultFonts().WithOpenApiRoutePattern("/openapi/{documentName}.json");
            foreach (var service in Backends.Services)
            {
                options.AddDocument(service, $"PartyGrid {service}", isDefault: service == "tickets");
            }

            options.AddDocument(GatewayDocument, "PartyGrid gateway (API keys)");
        }).AllowAnonymous();
        return app;
    }
}
