using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using System.Diagnostics.Metrics;
using PartyGrid.ServiceDefaults.Idempotency;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Persistence;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.Messaging.Tests;

/// <summary>
/// Retention on a real database, driven by the fake clock alone: what is past its window goes, a
/// pending outbox row never does, and what is inside its window stays until the clock moves on.
/// </summary>
public sealed class RetentionTests
{
    private static readonly DateTimeOffset Start = TestClock.Start;

    [Fact]
    public async Task Sent_outbox_rows_inbox_rows_and_idempotency_records_past_their_window_are_deleted_pending_and_recent_rows_stay()
    {
        var time = new FakeTimeProvider(TestClock.Start);
        using var host = Build(await TestServers.CreateDatabaseAsync("retention"), time);
        using var removed = new MetricCollector<long>(host.Services.GetRequiredService<IMeterFactory>(), "PartyGrid.Messaging", "partygrid.retention.removed");

        var days = TimeSpan.FromDays(1);
        var (oldSent, recentSent, pending) = (Outbox(Start - 30 * days, sentAt: Start - 8 * days), Outbox(Start - 2 * days, sentAt: Start - days), Outbox(Start - 30 * days, sentAt: null));
        var (oldInbox, recentInbox) = (Inbox(Start - 8 * days), Inbox(Start - days));
        var (oldKey, recentKey) = (Idempotency("old", Start - 8 * days), Idempotency("recent", Start - days));
        await InContextAsync(host, async db =>
        {
            await db.Database.EnsureCreatedAsync();
            db.AddRange(oldSent, recentSent, pending, oldInbox, recentInbox, oldKey, recentKey);
            await db.SaveChangesAsync();
        });

        await host.StartAsync();
        try
        {
            // The job runs at start and counts what it removed once each table is done.
            await Eventually.Until(() => Task.FromResult(Removed(removed)), r => r.Count == 3, what: "the first run");
            var afterFirst = await StateAsync(host);
            Assert.Equal(new[] { recentSent.Id, pending.Id }.Order(), afterFirst.Outbox.Order());
            Assert.Equal([recentInbox.MessageId], afterFirst.Inbox);
            Assert.Equal(["recent"], afterFirst.Keys);

            // A week on, the recent rows are past their window too; the pending row stays, however old.
            time.Advance(7 * days);
            await Eventually.Until(() => Task.FromResult(Removed(removed)), r => r.Values.Sum() == 6, what: "the run a week later");
            var afterWeek = await StateAsync(host);
            Assert.Equal([pending.Id], afterWeek.Outbox);
            Assert.Empty(afterWeek.Keys);
            Assert.Empty(afterWeek.Inbox);

            var byTable = Removed(removed);
            Assert.Equal(2, byTable[MessagingModel.OutboxTable]);
            Assert.Equal(2, byTable[MessagingModel.InboxTable]);
            Assert.Equal(2, byTable[IdempotencyModel.Table]);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Two_replicas_running_retention_at_once_remove_each_row_once_and_keep_what_is_pending_or_recent()
    {
        const int Old = 1_500;
        var database = await TestServers.CreateDatabaseAsync("retention");
        var settings = new Dictionary<string, string?> { ["Retention:BatchSize"] = "100" };
        using var first = Build(database, new FakeTimeProvider(TestClock.Start), settings);
        using var second = Build(database, new FakeTimeProvider(TestClock.Start), settings);

        var days = TimeSpan.FromDays(1);
        var recent = (Sent: Outbox(Start - days, sentAt: Start - days), Pending: Outbox(Start - 30 * days, sentAt: null), Inbox: Inbox(Start - days), Key: Idempotency("recent", Start - days));
        await InContextAsync(first, async db =>
        {
            await db.Database.EnsureCreatedAsync();
            for (var i = 0; i < Old; i++)
            {
                db.AddRange(Outbox(Start - 30 * days, sentAt: Start - 8 * days), Inbox(Start - 8 * days), Idempotency($"old-{i}", Start - 8 * days));
            }

            db.AddRange(recent.Sent, recent.Pending, recent.Inbox, recent.Key);
            await db.SaveChangesAsync();
        });

        // Both replicas' runs at once, batches of 100 over the same rows, then one more run of one of them
        // for what a run that met the other's locks left: each old row is removed, and counted, once.
        var concurrent = await Task.WhenAll(Retention(first).RunOnceAsync(CancellationToken.None), Retention(second).RunOnceAsync(CancellationToken.None));
        var last = await Retention(second).RunOnceAsync(CancellationToken.None);
        Assert.Equal(3 * Old, concurrent.Sum() + last);

        var state = await StateAsync(first);
        Assert.Equal(new[] { recent.Sent.Id, recent.Pending.Id }.Order(), state.Outbox.Order());
        Assert.Equal([recent.Inbox.MessageId], state.Inbox);
        Assert.Equal(["recent"], state.Keys);

        static MessagingRetention<ProbeDbContext> Retention(IHost host) =>
            host.Services.GetServices<IHostedService>().OfType<MessagingRetention<ProbeDbContext>>().Single();
    }

    private static IHost Build(string database, FakeTimeProvider time, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:probe-db"] = database;
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.AddServiceDatabase<ProbeDbContext>("probe-db");
        builder.Services.ConfigureDbContext<ProbeDbContext>(o =>
            o.ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning)));
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddMessagingRetention<ProbeDbContext>();
        return builder.Build();
    }

    private static Dictionary<string, long> Removed(MetricCollector<long> removed) =>
        removed.GetMeasurementSnapshot().GroupBy(m => (string)m.Tags["table"]!).ToDictionary(g => g.Key, g => g.Sum(m => m.Value));

    private static OutboxMessage Outbox(DateTimeOffset createdAt, DateTimeOffset? sentAt)
    {
        var message = OutboxMessage.For(ProbeService.Organisation(Guid.NewGuid()), createdAt);
        message.SentAt = sentAt;
        return message;
    }

    private static InboxMessage Inbox(DateTimeOffset receivedAt) => new() { MessageId = Guid.NewGuid(), Consumer = "probe", ReceivedAt = receivedAt };

    private static IdempotencyRecord Idempotency(string key, DateTimeOffset createdAt) =>
        IdempotencyRecord.For("staff:clerk", key, new { title = key }, "/api/v1/things/1", new { id = 1 }, createdAt);

    private sealed record State(List<Guid> Outbox, List<Guid> Inbox, List<string> Keys);

    private static async Task<State> StateAsync(IHost host)
    {
        State? state = null;
        await InContextAsync(host, async db => state = new State(
            await db.Set<OutboxMessage>().Select(m => m.Id).ToListAsync(),
            await db.Set<InboxMessage>().Select(m => m.MessageId).ToListAsync(),
            await db.Set<IdempotencyRecord>().Select(r => r.Key).ToListAsync()));
        return state!;
    }

    private static async Task InContextAsync(IHost host, Func<ProbeDbContext, Task> action)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<ProbeDbContext>());
    }
}
