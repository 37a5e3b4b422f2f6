using Microsoft.Extensions.ServiceDiscovery;
using PartyGrid.ServiceDefaults.Projections;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.Contracts;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PartyGrid.Gateway.ApiKeys;
using PartyGrid.Gateway.Console;
using PartyGrid.Gateway.Data;
using PartyGrid.Gateway.Edge;
using PartyGrid.ServiceDefaults.Hosting;
using PartyGrid.ServiceDefaults.Identity;
using PartyGrid.ServiceDefaults.Keys;
using PartyGrid.ServiceDefaults.Persistence;
using Yarp.ReverseProxy.Transforms;

namespace PartyGrid.Gateway;

public static class GatewayServiceExtensions
{
    private const string CredentialsScheme = "bearer-or-api-key";

    public static IHostApplicationBuilder AddGatewayServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        var options = builder.Configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();

        builder.AddServiceDatabase<GatewayDbContext>("gateway-db");

        // The tree, so an API key is issued only for an organisation that exists.
        builder.AddMessaging<GatewayDbContext>("gateway", consume => consume
            .Consume<OrganisationChanged, OrganisationProjector<GatewayDbContext>>());
        builder.AddKeyRing<GatewayDbContext>(PartnerIdentities.KeyPurpose);
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddSingleton<PartnerIdentities>();
        builder.Services.AddSingleton<TokenIssuer>();

        // Staff send a bearer token, partner systems X-Api-Key; a request is judged by what it sends.
        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = CredentialsScheme;
                o.DefaultChallengeScheme = CredentialsScheme;
            })
            .AddPolicyScheme(CredentialsScheme, null, o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyAuthentication.Header) ? ApiKeyAuthentication.SchemeName : AuthenticationSetup.BearerScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);

        builder.Services.AddReverseProxy()
            .LoadFromMemory(ProxyConfiguration.Routes(), ProxyConfiguration.Clusters(options.BackendTimeout))
            .AddServiceDiscoveryDestinationResolver()
            .AddTransforms(context =>
            {
                context.AddRequestHeaderRemove(ApiKeyAuthentication.Header);
                context.AddRequestTransform(transform =>
                {
                    // A partner's key stays at the edge; the service gets a short-lived identity it validates itself.
                    var user = transform.HttpContext.User;
                    if (PartnerScopes.IsPartner(user))
                    {
                        var token = transform.HttpContext.RequestServices.GetRequiredService<PartnerIdentities>().TokenFor(user);
                        transform.ProxyRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    }

                    return ValueTask.CompletedTask;
                });
                context.AddResponseHeaderRemove("Server", ResponseCondition.Always);
            });

        builder.Services.Configure<KestrelServerOptions>(k => k.AddServerHeader = false);
        builder.Services.AddClientRateLimits();
        builder.Services.AddSingleton<CredentialFailureLimits>();
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins(options.CorsOrigins)
            .AllowAnyHeader()
            .AllowAnyMethod()
            .WithExposedHeaders("ETag", "Location", "Retry-After", Correlation.Header)
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        builder.Services.AddApiReference();

        var health = builder.Services.AddHealthChecks();
        foreach (var service in Backends.Services)
        {
            health.Add(new HealthCheckRegistration(
                service,
                sp => new ServiceReadinessCheck(sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<ServiceEndpointResolver>(), service),
                failureStatus: null,
                tags: ["services"]));
        }

        builder.Services.AddHttpClient(ServiceReadinessCheck.ClientName, c => c.Timeout = TimeSpan.FromSeconds(5));
        return builder;
    }

    /// <summary>
    /// The edge in order: correlation and headers on every answer, the console's files (anonymous, as
    /// any web page), CORS preflights, body size, Open311's api_key into the key header, addresses
    /// that keep failing to authenticate, then who is calling, then how often.
    /// </summary>
    public static WebApplication UseGateway(this WebApplication app)
    {
        app.UseCorrelation();
        app.UseSecurityHeaders();
        app.UseConsoleFiles(app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value);
        app.UseCors();
        app.UseRequestBodyLimits();
        app.UseOpen311Keys();
        var credentialFailures = app.Services.GetRequiredService<CredentialFailureLimits>();
        app.Use((context, next) => credentialFailures.InvokeAsync(context, next));
        app.UseServiceDefaults(forwards: true);
        app.UseRateLimiter();
        return app;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.MapDefaultEndpoints();
        app.MapGet(PartnerIdentities.JwksPath, (KeyRing ring) => TypedResults.Text(JsonWebKeys.Document(ring, PartnerIdentities.KeyPurpose), "application/json"))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapApiReference();
        app.MapApiKeysApi();
        app.MapReverseProxy().ConfigureEndpoints((endpoint, route) =>
        {
            if (route.Metadata?.TryGetValue(ProxyConfiguration.PartnerFamilyKey, out var family) == true)
            {
                endpoint.AllowPartners(family);
            }
        });
        return app;
    }
}
