using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.EndToEnd.Tests.Webhooks;

/// <summary>
/// A partner's webhook endpoint on 127.0.0.1: records every request exactly as it came (headers and
/// raw body) and answers each path with the statuses it was told to, in turn, then 200.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> scripts = new();
    private readonly ConcurrentQueue<Received> received = new();
    private readonly ConcurrentDictionary<string, TimeSpan> slow = new();
    private readonly Task loop;
    private volatile bool stopping;

    public WebhookReceiver()
    {
        var port = FreePorts.Block();
        BaseUrl = $"http://127.0.0.1:{port}";
        listener.Prefixes.Add(BaseUrl + "/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }

    public string Url(string path) => $"{BaseUrl}/{path}";

    /// <summary>The next requests to <paramref name="path"/> are answered with these statuses, in turn.</summary>
    public void Answer(string path, params int[] statuses) => scripts[path] = new ConcurrentQueue<int>(statuses);

    /// <summary>Answers <paramref name="path"/> only after <paramref name="delay"/>: a receiver slow enough to be caught mid-delivery.</summary>
    public void Slow(string path, TimeSpan delay) => slow[path] = delay;

    public IReadOnlyList<Received> At(string path) => [.. received.Where(r => r.Path == path)];

    public async Task<IReadOnlyList<Received>> UntilAsync(string path, Func<IReadOnlyList<Received>, bool> done, string what, TimeSpan? within = null) =>
        await Eventually.Until(() => Task.FromResult(At(path)), done, within ?? TimeSpan.FromSeconds(60), what,
            () => string.Join("; ", At(path).Select(d => $"{d.Type} {d.Id} {d.AnsweredWith} {d.At:HH:mm:ss.fff}")));

    private async Task ServeAsync()
    {
        while (!stopping)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception) when (stopping)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            var path = context.Request.Url!.AbsolutePath.TrimStart('/');
            var arrivedAt = DateTimeOffset.UtcNow;
            var status = scripts.TryGetValue(path, out var script) && script.TryDequeue(out var scripted) ? scripted : 200;
            if (slow.TryGetValue(path, out var delay))
            {
                await Task.Delay(delay);
            }

            received.Enqueue(new Received(
                path, context.Request.Headers["webhook-id"] ?? string.Empty, context.Request.Headers["webhook-timestamp"] ?? string.Empty,
                context.Request.Headers["webhook-signature"] ?? string.Empty, body, status, arrivedAt));
            try
            {
                context.Response.StatusCode = status;
                context.Response.Close();
            }
            catch (Exception ex) when (ex is ObjectDisposedException or HttpListenerException)
            {
                // The sender went away mid-request (notifications killed): it was recorded, and it will come again.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        stopping = true;
        listener.Stop();
        await loop;
        listener.Close();
    }

    /// <summary>One request as it arrived (<paramref name="At"/>: when it arrived), and what it was answered.</summary>
    public sealed record Received(string Path, string Id, string Timestamp, string Signature, string Body, int AnsweredWith, DateTimeOffset At)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;

        public string Type => Json.GetProperty("type").GetString()!;
    }

    /// <summary>
    /// Each delivery as the Standard Webhooks reference library (npm <c>standardwebhooks</c>) judges
    /// it under <paramref name="secret"/>: true, or the library's reason for refusing it.
    /// </summary>
    public static async Task<List<JsonElement>> VerifyAsync(string secret, IEnumerable<Received> deliveries)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "PartyGrid.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("The repository root is not above the test binaries.");
        }

        var input = JsonSerializer.Serialize(deliveries.Select(d => new
        {
            secret,
            headers = new Dictionary<string, string> { ["webhook-id"] = d.Id, ["webhook-timestamp"] = d.Timestamp, ["webhook-signature"] = d.Signature },
            body = d.Body,
        }));
        var start = new ProcessStartInfo("node", [Path.Combine(root, "tests", "webhook-verifier", "verify.mjs")])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start)!;
        await node.StandardInput.WriteAsync(input);
        node.StandardInput.Close();
        var output = await node.StandardOutput.ReadToEndAsync();
        var error = await node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, $"the verifier failed: {error}");
        return [.. JsonDocument.Parse(output).RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}
