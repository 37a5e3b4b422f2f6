using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Persistence;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.Messaging.Tests;

/// <summary>
/// The dispatcher is woken by commits that staged outbox rows and by nothing else: its own commits
/// must not wake it, or it polls in a loop and takes the CPU the requests need.
/// </summary>
public sealed class OutboxSignalTests : IAsyncLifetime
{
    // The poll never comes due on a fake clock that is not advanced: a wait ends only by a signal.
    private static readonly TimeSpan Poll = TimeSpan.FromMinutes(1);
    private readonly FakeTimeProvider time = new();
    private readonly CancellationTokenSource ending = new();
    private IHost host = null!;
    private OutboxSignal signal = null!;

    public async Task InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:probe-db"] = await TestServers.CreateDatabaseAsync("signal");
        builder.AddServiceDatabase<ProbeDbContext>("probe-db");
        builder.Services.ConfigureDbContext<ProbeDbContext>(o =>
            o.ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning)));
        host = builder.Build();
        signal = host.Services.GetRequiredService<OutboxSignal>();
        await InContextAsync(db => db.Database.EnsureCreatedAsync());
        await SignalledAsync(); // start from no signal, whatever creating the schema did
    }

    public async Task DisposeAsync()
    {
        await ending.CancelAsync();
        ending.Dispose();
        host.Dispose();
    }

    [Fact]
    public async Task A_committed_transaction_with_outbox_rows_wakes_the_dispatcher()
    {
        await InContextAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Publish(ProbeService.Organisation(Guid.NewGuid()), time.GetUtcNow());
            await db.SaveChangesAsync();
            Assert.False(await SignalledAsync(), "the rows are not visible to the dispatcher before the commit");
            await transaction.CommitAsync();
        });

        Assert.True(await SignalledAsync());
    }

    [Fact]
    public async Task A_save_outside_a_transaction_with_outbox_rows_wakes_the_dispatcher()
    {
        await InContextAsync(db =>
        {
            db.Publish(ProbeService.Organisation(Guid.NewGuid()), time.GetUtcNow());
            return db.SaveChangesAsync();
        });

        Assert.True(await SignalledAsync());
    }

    [Fact]
    public async Task Commits_without_outbox_rows_and_rolled_back_rows_wake_nothing()
    {
        // What the dispatcher itself commits: a claimed batch marked sent, or an empty claim.
        var id = Guid.NewGuid();
        await InContextAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Tallies.Add(new Tally { MessageId = id, Count = 1 });
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        });
        await InContextAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await transaction.CommitAsync();
        });
        await InContextAsync(async db =>
        {
            (await db.Tallies.SingleAsync(t => t.MessageId == id)).Count++;
            return await db.SaveChangesAsync();
        });

        // Rows saved and then rolled back never reach the table, and the context (back in the pool)
        // does not carry them over to its next, row-less commit.
        await InContextAsync(async db =>
        {
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                db.Publish(ProbeService.Organisation(Guid.NewGuid()), time.GetUtcNow());
                await db.SaveChangesAsync();
                await transaction.RollbackAsync();
            }

            db.ChangeTracker.Clear();
            await using var next = await db.Database.BeginTransactionAsync();
            await next.CommitAsync();
        });

        Assert.False(await SignalledAsync());
        Assert.Equal(0, await InContextAsync(db => db.Set<OutboxMessage>().CountAsync()));
        Assert.Equal(2, await InContextAsync(db => db.Tallies.Where(t => t.MessageId == id).Select(t => t.Count).SingleAsync()));
    }

    // Whether a signal is waiting right now. A wait that did not end at once is cancelled, so it
    // cannot swallow a later signal.
    private async Task<bool> SignalledAsync()
    {
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(ending.Token);
        var wait = signal.WaitAsync(Poll, time, giveUp.Token);
        if (wait.IsCompleted)
        {
            await wait;
            return true;
        }

        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        return false;
    }

    private async Task<T> InContextAsync<T>(Func<ProbeDbContext, Task<T>> work)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ProbeDbContext>());
    }

    private async Task InContextAsync(Func<ProbeDbContext, Task> work)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<ProbeDbContext>());
    }
}
