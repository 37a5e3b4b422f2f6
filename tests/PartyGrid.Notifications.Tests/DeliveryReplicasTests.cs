using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Npgsql;
using PartyGrid.Contracts;
using PartyGrid.Testing;
using static PartyGrid.Testing.TicketSnapshots;

namespace PartyGrid.Notifications.Tests;

/// <summary>
/// Two notifications replicas on one database, both dispatching: the lease keeps them apart, so a
/// partner gets each delivery once although both send at the same time.
/// </summary>
public sealed class DeliveryReplicasTests
{
    private const int Tickets = 120;
    private const int BatchSize = 5;
    private static readonly DateTimeOffset March = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Two_replicas_sending_at_once_deliver_each_webhook_once()
    {
        var rabbit = await TestServers.RabbitMqAsync();
        var settings = new Dictionary<string, string>
        {
            ["Webhooks:AllowPrivateTargets"] = "true",
            ["Webhooks:PublicUrl"] = "http://partygrid.test",
            ["Webhooks:BatchSize"] = BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Webhooks:PollInterval"] = "00:00:00.050",
            // Replicas of one deployment share their keys.
            ["PersonalData:EncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["PersonalData:LookupKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
        var database = await TestServers.CreateDatabaseAsync("notifications");
        await using var first = await ServiceHost<Program>.StartOnAsync(NotificationsServiceExtensions.ServiceName, database, settings, rabbit);
        await using var second = await ServiceHost<Program>.StartOnAsync(NotificationsServiceExtensions.ServiceName, database, settings, rabbit);
        await using var bus = await EventBus.StartAsync(rabbit);
        // One replica sends at most one batch at a time: more requests than that in flight at once means both are sending.
        await using var partner = new HeldReceiver(holdUntilInFlight: 2 * BatchSize);

        var county = new TestCounty();
        var tree = county.Changes().Select(c => (Message: (object)c, Id: Guid.NewGuid())).ToList();
        await Task.WhenAll(tree.Select(t => bus.PublishAsync(t.Message, t.Id)));
        await EventBus.ConsumedAsync(database, [.. tree.Select(t => t.Id)]);

        using var client = first.ClientForPartner(county.T1, "tickets:read", "tickets:write");
        using var created = await client.PostAsJsonAsync("/api/v1/webhooks", new { url = partner.Url, eventTypes = new[] { "ticket.accepted" } });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        var snapshots = Enumerable.Range(0, Tickets)
            .Select(_ => (Message: Ticket(county.A, OrganisationTier.Village, March, March.AddDays(10), id: Guid.NewGuid(), status: TicketStatus.Accepted, respondedOnTime: true, version: 2), Id: Guid.NewGuid()))
            .ToList();
        await Task.WhenAll(snapshots.Select(s => bus.PublishAsync(s.Message, s.Id)));

        // Every delivery recorded as acknowledged at the first attempt.
        var rows = await Eventually.Until(
            () => DeliveriesAsync(database), r => r.GetValueOrDefault(("delivered", 1)) == Tickets, TimeSpan.FromSeconds(60), "every delivery acknowledged",
            () => $"{partner.Received.Count} received");
        Assert.Single(rows);
        Assert.True(partner.Opened, $"at most {partner.PeakInFlight} requests were in flight at once: only one replica was sending");

        // Each ticket's webhook came once, under its own id.
        Assert.Equal(Tickets, partner.Received.Count);
        Assert.Equal(Tickets, partner.Received.Distinct().Count());
    }

    private static async Task<Dictionary<(string Status, int Attempts), int>> DeliveriesAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT status, attempts, count(*)::int FROM deliveries GROUP BY 1, 2", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<(string, int), int>();
        while (await reader.ReadAsync())
        {
            rows[(reader.GetString(0), reader.GetInt32(1))] = reader.GetInt32(2);
        }

        return rows;
    }

    /// <summary>
    /// A partner endpoint that answers nothing until <c>holdUntilInFlight</c> requests wait at once (or
    /// half a minute has passed), then 200 to all; it records each request's <c>webhook-id</c>.
    /// </summary>
    private sealed class HeldReceiver : IAsyncDisposable
    {
        private readonly HttpListener listener = new();
        private readonly TaskCompletionSource open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentQueue<string> received = new();
        private readonly int holdUntil;
        private readonly Task loop;
        private int inFlight;
        private int peak;

        public HeldReceiver(int holdUntilInFlight)
        {
            holdUntil = holdUntilInFlight;
            Url = $"http://127.0.0.1:{FreePorts.Block()}/hook";
            listener.Prefixes.Add(Url[..^"hook".Length]);
            listener.Start();
            loop = Task.Run(ServeAsync);
        }

        public string Url { get; }

        public bool Opened { get; private set; }

        public int PeakInFlight => Volatile.Read(ref peak);

        public IReadOnlyList<string> Received => [.. received];

        public async ValueTask DisposeAsync()
        {
            listener.Stop();
            await loop;
            listener.Close();
        }

        private async Task ServeAsync()
        {
            var handlers = new List<Task>();
            while (listener.IsListening)
            {
                try
                {
                    var context = await listener.GetContextAsync();
                    handlers.Add(Task.Run(() => AnswerAsync(context)));
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    break;
                }
            }

            await Task.WhenAll(handlers);
        }

        private async Task AnswerAsync(HttpListenerContext context)
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref peak, now);
            if (now >= holdUntil && !open.Task.IsCompleted)
            {
                Opened = true;
                open.TrySetResult();
            }

            // Bounded: a dispatcher alone would otherwise wait here until its send timed out.
            await open.Task.WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(_ => open.TrySetResult(), TaskScheduler.Default);
            received.Enqueue(context.Request.Headers["webhook-id"] ?? string.Empty);
            Interlocked.Decrement(ref inFlight);
            try
            {
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
            catch (Exception ex) when (ex is ObjectDisposedException or HttpListenerException)
            {
                // The sender gave up on this request; it counts as not acknowledged.
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            var current = Volatile.Read(ref target);
            while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
            {
                current = seen;
            }
        }
    }
}
