using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using KestrelServerOptions = Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PartyGrid.ServiceDefaults.Identity;
using PartyGrid.ServiceDefaults.Problems;

namespace PartyGrid.ServiceDefaults.Hosting;

/// <summary>What every PartyGrid process (the five services and the gateway) is built with.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>The largest request body a service reads, unless an endpoint says otherwise (<c>RequestSizeLimit</c>).</summary>
    public const long MaxRequestBodyBytes = 1L << 20;

    private const string HealthPath = "/health";
    private const string AlivePath = "/alive";
    private const string LiveTag = "live";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.AddClientDefaults();
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        builder.Services.AddPartyGridProblemDetails();

        // Binding failures are exceptions in every environment, so BadRequests answers them with the field.
        builder.Services.AddExceptionHandler<BadRequests>();
        builder.Services.AddExceptionHandler<DomainRefusals>();
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o => ConfigureJson(o.SerializerOptions));
        builder.AddPartyGridAuthentication();
        builder.Services.AddOptions<AdmissionOptions>().BindConfiguration(AdmissionOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AdmissionOptions>, AdmissionOptionsValidator>();
        builder.Services.AddSingleton<RequestAdmission>();

        // Services are reached through the gateway, but bounds that depend on the gateway alone fail
        // open the day something calls a service directly: each process enforces them itself.
        builder.Services.Configure<KestrelServerOptions>(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            k.Limits.MaxRequestLineSize = 8 * 1024;
            k.Limits.MaxRequestHeaderCount = 64;
        });
        return builder;
    }

    /// <summary>
    /// What a PartyGrid process that only calls others needs (the demo loader): telemetry to the
    /// dashboard, service discovery and resilient HTTP clients, the system clock.
    /// </summary>
    public static TBuilder AddClientDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>camelCase names and kebab-case enums: the wire format of the public API.</summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;

        // A number is a JSON number: "5" for a score is a 400, and the OpenAPI documents say
        // "integer" rather than "integer or numeric string", which client generators cannot type.
        options.NumberHandling = JsonNumberHandling.Strict;
    }

    /// <param name="app">The process.</param>
    /// <param name="forwards">
    /// True for the gateway, which passes requests on: the services behind it check bodies and admit work
    /// themselves, and one limit over all of them would hold every service's callers behind the slowest.
    /// </param>
    public static WebApplication UseServiceDefaults(this WebApplication app, bool forwards = false)
    {
        // A request that cannot be bound, or that a rule refuses, is the caller's mistake, answered by
        // BadRequests or DomainRefusals: not logged as an error.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException || DomainRefusals.Handles(c.Exception),
        });
        app.UseStatusCodePages();
        if (!forwards)
        {
            // Before authentication: a request that waits has not yet cost a token validation.
            var admission = app.Services.GetRequiredService<RequestAdmission>();
            app.Use((context, next) => admission.InvokeAsync(context, next));
        }

        app.UseNulCharacterRefusal();
        app.UseReplayableJsonBodies();
        app.UseAuthentication();

        // Before the endpoints' own policies: an API key outside its scopes is told so (scope-missing),
        // whatever role an endpoint would need besides.
        app.UsePartnerScopes();
        app.UseAuthorization();
        if (!forwards)
        {
            app.UseNulBodyRefusal();
        }

        return app;
    }

    /// <summary>
    /// <c>/health</c> is readiness (every check: database, broker) and <c>/alive</c> liveness. Both are
    /// mapped in every environment, because operators and the gateway rely on them everywhere.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthPath).AllowAnonymous();
        app.MapHealthChecks(AlivePath, new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag) }).AllowAnonymous();
        return app;
    }

    // Health probes (the orchestrator's, and the gateway's of each replica) are no one's work: not traced.
    internal static bool IsProbe(PathString path) => path.StartsWithSegments(HealthPath) || path.StartsWithSegments(AlivePath);

    private static void ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        // Per-request log lines carry whole URLs, and a query can carry personal data (a name search).
        // Every request is already a span, whose url.query OpenTelemetry redacts; so these stay quiet.
        // ASP.NET Core's own per-request lines (endpoint executing/executed, result written) were four
        // per ticket submitted, each through the console, DCP and the dashboard.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Yarp.ReverseProxy.Forwarder", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);

        // Every command EF runs is already a span with its SQL (Npgsql tracing); logged as well at
        // Information, the outbox's polling alone wrote ~600 lines a second per service to the console.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("MassTransit")
                .AddMeter(Telemetry.MeterPrefix + "*"))
            .WithTracing(tracing => tracing
                .SetSampler(TraceSampling.Sampler(builder.Configuration.GetValue(TraceSampling.RatioKey, 1.0)))
                .AddProcessor(TraceSampling.ErrorsKept())
                .AddSource(builder.Environment.ApplicationName)
                .AddSource("MassTransit")
                .AddSource(Telemetry.ActivitySourceName)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation(o => o.FilterHttpRequestMessage = request =>
                    request.RequestUri is not { } uri || !IsProbe(new PathString(uri.AbsolutePath))));

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }
    }
}
