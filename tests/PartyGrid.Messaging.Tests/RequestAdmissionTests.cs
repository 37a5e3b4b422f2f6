using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartyGrid.ServiceDefaults.Hosting;
using PartyGrid.ServiceDefaults.Problems;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.Messaging.Tests;

/// <summary>
/// Admission on a real Kestrel host: two places, a queue of one. Requests that hold their place wait on
/// a gate the test opens, so which requests run, wait or are refused follows from the counts alone.
/// </summary>
public sealed class RequestAdmissionTests
{
    [Fact]
    public async Task Past_its_places_and_queue_a_request_is_refused_with_503_and_the_waiting_one_runs_when_a_place_frees()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new SemaphoreSlim(0);
        var entries = 0;
        await using var app = await StartAsync(new AdmissionOptions { MaxConcurrentRequests = 2, QueueLimit = 1 }, async () =>
        {
            Interlocked.Increment(ref entries);
            entered.Release();
            await gate.Task;
        });
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()), Timeout = TimeSpan.FromMinutes(1) };

        var first = http.GetAsync("/work");
        var second = http.GetAsync("/work");
        Assert.True(await entered.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(await entered.WaitAsync(TimeSpan.FromSeconds(30)));

        // Both places are taken: of two more, one waits in the queue and the other finds it full.
        var third = http.GetAsync("/work");
        var fourth = http.GetAsync("/work");
        var answered = await Task.WhenAny(third, fourth);
        var waited = answered == third ? fourth : third;
        using var refused = await answered;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("1", refused.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using (var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()))
        {
            Assert.Equal("overloaded", problem.RootElement.GetProperty("code").GetString());
            Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
        }

        // An overloaded process is still alive and says so.
        using (var health = await http.GetAsync("/health"))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        Assert.Equal(2, Volatile.Read(ref entries));
        gate.SetResult();
        foreach (var response in new[] { await first, await second, await waited })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(3, Volatile.Read(ref entries));
    }

    private static async Task<WebApplication> StartAsync(AdmissionOptions options, Func<Task> work)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{FreePorts.Block()}");
        builder.Logging.ClearProviders();
        builder.Services.AddPartyGridProblemDetails();
        var app = builder.Build();
        var admission = new RequestAdmission(Options.Create(options), NullLogger<RequestAdmission>.Instance);
        app.Use((context, next) => admission.InvokeAsync(context, next));
        app.MapGet("/work", async () =>
        {
            await work();
            return Results.Ok();
        });
        app.MapGet("/health", () => Results.Ok());
        await app.StartAsync();
        return app;
    }
}
