using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;

namespace PartyGrid.Notifications.Delivery;

/// <summary>
/// One attempt of one delivery, as Standard Webhooks writes it: <c>webhook-id</c>,
/// <c>webhook-timestamp</c> (seconds), <c>webhook-signature</c> over the exact body. The client
/// follows no redirect, connects only where <see cref="TargetGuard"/> allows and gives up after the
/// configured timeout. It is its own client, not the factory's: the services' default resilience
/// handler would retry on its own, and only the delivery's schedule may decide on another attempt.
/// </summary>
public sealed class WebhookSender(TargetGuard guard, IOptions<WebhookOptions> options, TimeProvider time) : IDisposable
{
    private readonly HttpClient client = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        ConnectCallback = guard.ConnectAsync,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        UseCookies = false,
    })
    {
        Timeout = options.Value.Timeout,
    };

    public void Dispose() => client.Dispose();

    public async Task<AttemptResult> SendAsync(Domain.Delivery delivery, string url, IReadOnlyList<string> secrets, CancellationToken cancellationToken)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", delivery.MessageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", SigningSecret.Header(secrets, delivery.MessageId, timestamp, delivery.Payload));

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return new AttemptResult((int)response.StatusCode, Stopwatch.GetElapsedTime(started), null, RetryAfter(response));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var error = ex is TaskCanceledException ? "timed out" : ex.Message;
            return new AttemptResult(null, Stopwatch.GetElapsedTime(started), error.Length > 500 ? error[..500] : error, null);
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow(),
        _ => null,
    };
}
