using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyGrid.Contracts;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Paging;

namespace PartyGrid.ServiceDefaults.Snapshots;

/// <summary>One kind of aggregate a service can publish again, whole, as its current snapshots.</summary>
public interface ISnapshotSource
{
    string EventName { get; }

    /// <summary>Stages every aggregate's snapshot in the outbox, a batch per transaction; returns how many.</summary>
    Task<int> RepublishAsync(IServiceScopeFactory scopes, TimeProvider time, CancellationToken cancellationToken);
}

public static class SnapshotSource
{
    /// <summary>A source of aggregates keyed by their id.</summary>
    public static ISnapshotSource ById<TContext, TEntity, TEvent>(Func<TContext, IQueryable<TEntity>> rows, Func<TEntity, TimeProvider, TEvent> snapshot)
        where TContext : DbContext
        where TEntity : class, IHasId
        where TEvent : IIntegrationEvent =>
        new SnapshotSource<TContext, TEntity, TEvent>((db, after, count) => rows(db).AsNoTracking().After(after, count), e => e.Id, snapshot);
}

/// <param name="page">The rows after a key (null: from the start), in key order, at most the given number.</param>
/// <param name="key">The key <paramref name="page"/> orders by.</param>
/// <param name="snapshot">The row's event as its service publishes it on a change.</param>
public sealed class SnapshotSource<TContext, TRow, TEvent>(
    Func<TContext, Guid?, int, IQueryable<TRow>> page,
    Func<TRow, Guid> key,
    Func<TRow, TimeProvider, TEvent> snapshot) : ISnapshotSource
    where TContext : DbContext
    where TEvent : IIntegrationEvent
{
    // EF writes a batch's rows as one command, whose text for 500 outbox rows went to the large object
    // heap on every batch; at 100 tickets' peak while republishing 12k snapshots was ~15 MB lower.
    private const int BatchSize = 100;

    public string EventName => TEvent.EventName;

    public async Task<int> RepublishAsync(IServiceScopeFactory scopes, TimeProvider time, CancellationToken cancellationToken)
    {
        Guid? after = null;
        var total = 0;
        while (true)
        {
            // A fresh context per batch keeps memory flat however many aggregates there are.
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            var rows = await page(db, after, BatchSize).ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                return total;
            }

            var now = time.GetUtcNow();
            foreach (var row in rows)
            {
                db.Publish(snapshot(row, time), now);
            }

            await db.SaveChangesAsync(cancellationToken);
            total += rows.Count;
            after = key(rows[^1]);
        }
    }
}
