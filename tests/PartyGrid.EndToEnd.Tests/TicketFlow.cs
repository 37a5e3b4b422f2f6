using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.EndToEnd.Tests;

/// <summary>
/// Residents' matters flowing in through the gateway without pause, as a hotline would send them:
/// each worker submits a ticket under an Idempotency-Key and retries that same key until it gets an
/// answer, and accepts every other ticket it got. What the gateway answered with a 2xx is recorded;
/// the database must hold exactly that afterwards, whatever broke in between.
/// </summary>
public sealed class TicketFlow : IAsyncDisposable
{
    private readonly HttpClient client;
    private readonly IReadOnlyList<(Guid Village, string Token)> intake;
    private readonly CancellationTokenSource stopping = new();
    private readonly CancellationTokenSource abandoning = new();
    private readonly List<Task> workers = [];
    private readonly Lock gate = new();
    private readonly HashSet<Guid> submitted = [];
    private readonly HashSet<Guid> accepted = [];
    private int failures;

    private TicketFlow(Uri gateway, IReadOnlyList<(Guid, string)> intake)
    {
        // A client of its own: no resilience handler replaying requests behind the flow's back, and a
        // timeout well under the gateway's so a request stuck in an outage is given up and retried.
        client = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(15) };
        this.intake = intake;
    }

    public int Submitted { get { lock (gate) { return submitted.Count; } } }

    public int Failures => Volatile.Read(ref failures);

    /// <summary>Fails the test at once if a worker met an answer no outage explains.</summary>
    public void ThrowIfBroken()
    {
        if (workers.FirstOrDefault(w => w.IsFaulted) is { } broken)
        {
            Assert.Fail($"The ticket flow broke: {broken.Exception!.InnerException!.Message}");
        }
    }

    public IReadOnlyCollection<Guid> SubmittedIds { get { lock (gate) { return [.. submitted]; } } }

    public IReadOnlyCollection<Guid> AcceptedIds { get { lock (gate) { return [.. accepted]; } } }

    public static TicketFlow Start(Uri gateway, IReadOnlyList<(Guid Village, string Token)> intake, int workers)
    {
        var flow = new TicketFlow(gateway, intake);
        for (var i = 0; i < workers; i++)
        {
            var worker = i;
            flow.workers.Add(Task.Run(() => flow.RunAsync(worker)));
        }

        return flow;
    }

    /// <summary>Stops taking new matters; each worker still gets an answer for the one it holds.</summary>
    /// <summary>Until <paramref name="more"/> tickets more than now were taken in (the flow going on through whatever fault).</summary>
    public async Task MoreSubmittedAsync(int more, string what)
    {
        var from = Submitted;
        await Eventually.Until(
            () =>
            {
                ThrowIfBroken();
                return Task.FromResult(Submitted);
            },
            n => n >= from + more, ResourceControl.Recovery, what, () => $"failures so far: {Failures}");
    }

    public async Task StopAsync()
    {
        await stopping.CancelAsync();
        await Task.WhenAll(workers.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));
        ThrowIfBroken();
    }

    /// <summary>After a failed test: held requests are abandoned, not retried until an outage ends.</summary>
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await abandoning.CancelAsync();
        await Task.WhenAll(workers.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));
        client.Dispose();
        stopping.Dispose();
        abandoning.Dispose();
    }

    private async Task RunAsync(int worker)
    {
        for (var n = 0; !stopping.IsCancellationRequested; n++)
        {
            var (village, token) = intake[(worker + n) % intake.Count];
            var key = Guid.NewGuid().ToString();
            var id = await UntilAnsweredAsync(() => SubmitAsync(village, token, key), conflictAnswers: false);
            lock (gate)
            {
                submitted.Add(id!.Value);
            }

            if (n % 2 == 0 && await UntilAnsweredAsync(() => AcceptAsync(id!.Value, token), conflictAnswers: true) is { } acceptedId)
            {
                lock (gate)
                {
                    accepted.Add(acceptedId);
                }
            }
        }
    }

    /// <summary>
    /// Retries until the gateway answers 2xx (an id) or, where that settles it, 409 (null): an accept
    /// whose first answer was lost meets a ticket already accepted, while a submission's 409 means its
    /// key is still being worked and is asked again. Failures in between are counted.
    /// </summary>
    private async Task<Guid?> UntilAnsweredAsync(Func<Task<(HttpStatusCode Status, Guid? Id)>> send, bool conflictAnswers)
    {
        while (true)
        {
            try
            {
                var (status, id) = await send();
                if ((int)status is >= 200 and < 300)
                {
                    return id;
                }

                if (status == HttpStatusCode.Conflict && conflictAnswers)
                {
                    return null;
                }

                if ((int)status is >= 400 and < 500 and not (408 or 409 or 429))
                {
                    // The request itself is wrong: no outage explains it, so the flow stops here.
                    throw new InvalidOperationException($"The gateway refused a request of the flow with {(int)status}.");
                }
            }
            catch (Exception ex) when ((ex is HttpRequestException or TaskCanceledException) && !abandoning.IsCancellationRequested)
            {
                // The request's fate is unknown; the same key (or the same accept) goes again.
            }

            Interlocked.Increment(ref failures);
            // Pacing between attempts during an outage, not a wait for a result.
            await Task.Delay(TimeSpan.FromMilliseconds(200), abandoning.Token);
        }
    }

    private async Task<(HttpStatusCode, Guid?)> SubmitAsync(Guid village, string token, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets")
        {
            Content = JsonContent.Create(new
            {
                intakeOrgId = village, category = "assistance", item = "elderly-care", title = "独居老人探访", description = "独居老人需要每周探访",
                requester = new { name = "罗秀英", phone = "13985067890", address = "石板村" }, channel = "phone",
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Idempotency-Key", key);
        return await SendAsync(request);
    }

    private async Task<(HttpStatusCode, Guid?)> AcceptAsync(Guid id, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tickets/{id}/accept") { Content = JsonContent.Create(new { }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var (status, _) = await SendAsync(request);
        return (status, status == HttpStatusCode.OK ? id : null);
    }

    private async Task<(HttpStatusCode, Guid?)> SendAsync(HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request, abandoning.Token);
        if (!response.IsSuccessStatusCode)
        {
            return (response.StatusCode, null);
        }

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, body.RootElement.GetProperty("id").GetGuid());
    }
}
