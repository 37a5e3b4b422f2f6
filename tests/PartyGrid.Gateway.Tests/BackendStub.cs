using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PartyGrid.Testing;

namespace PartyGrid.Gateway.Tests;

/// <summary>
/// A real HTTP server on a loopback port standing in for every service behind the gateway: it
/// answers each request with what reached it (method, path, query, headers, body), and never answers
/// <see cref="NeverAnswers"/>, so what the gateway forwards, strips and times out can be seen.
/// </summary>
public sealed class BackendStub(WebApplication app, string address) : IAsyncDisposable
{
    public const string NeverAnswers = "/api/v1/tickets/never-answers";

    public string Address => address;

    public static async Task<BackendStub> StartAsync()
    {
        var address = $"http://127.0.0.1:{FreePorts.Block()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(address);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet(NeverAnswers, (HttpContext context) => Task.Delay(Timeout.Infinite, context.RequestAborted));
        app.Map("/{**path}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var seen = new Seen(
                context.Request.Method,
                context.Request.Path.Value ?? string.Empty,
                context.Request.QueryString.Value ?? string.Empty,
                context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
                await reader.ReadToEndAsync(context.RequestAborted));
            return Results.Json(seen);
        });
        await app.StartAsync();
        return new BackendStub(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    public sealed record Seen(string Method, string Path, string Query, Dictionary<string, string> Headers, string Body)
    {
        public static async Task<Seen> ReadAsync(HttpResponseMessage response) =>
            JsonSerializer.Deserialize<Seen>(await response.Content.ReadAsStringAsync(), JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException("The stub answered nothing.");
    }
}

/// <summary>The gateway in front of <see cref="BackendStub"/>, with a short backend timeout.</summary>
public sealed class StubbedBackendGateway : GatewayHost
{
    public static readonly TimeSpan BackendTimeout = TimeSpan.FromSeconds(2);

    private BackendStub? stub;

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Gateway:BackendTimeout"] = BackendTimeout.ToString(),
    };

    protected override async Task<string> BackendAsync()
    {
        stub = await BackendStub.StartAsync();
        return stub.Address;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (stub is not null)
        {
            await stub.DisposeAsync();
        }
    }
}
