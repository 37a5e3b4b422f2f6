using System.Runtime.ExceptionServices;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PartyGrid.ServiceDefaults.Messaging;

/// <summary>
/// <see cref="InboxConsumer{TMessage, TContext}"/> for a batch: the effect of every message of the
/// batch not seen before and their inbox records commit in one transaction, so a consumer whose
/// messages all touch the same rows (the counts above a village) writes them once per batch instead of
/// once per message. A failure that is not an outage is narrowed down: each message is then applied
/// alone, so one wrong message does not hold back the others, and the failure is rethrown for retry and
/// <c>_error</c> (where the good ones, already in the inbox, are then duplicates that change nothing).
/// </summary>
public abstract partial class InboxBatchConsumer<TMessage, TContext>(TContext db, TimeProvider time, ILogger logger) : IConsumer<Batch<TMessage>>
    where TMessage : class
    where TContext : DbContext
{
    private const string RecordSql =
        $"""
        INSERT INTO {MessagingModel.InboxTable} (message_id, consumer, received_at)
        SELECT DISTINCT m, @consumer, @now FROM unnest(@ids) AS m
        ON CONFLICT DO NOTHING
        RETURNING message_id
        """;

    /// <summary>Stable name of this consumer in the inbox; each consumer of a message de-duplicates alone.</summary>
    protected abstract string ConsumerName { get; }

    protected TContext Db => db;

    protected TimeProvider Time => time;

    public async Task Consume(ConsumeContext<Batch<TMessage>> context)
    {
        var messages = context.Message
            .Select(m => (Id: m.MessageId ?? throw new InvalidOperationException($"A {typeof(TMessage).Name} arrived without a message id."), m.Message))
            .ToList();
        var cancellationToken = context.CancellationToken;
        try
        {
            await ApplyAsync(messages, cancellationToken);
        }
        catch (Exception ex) when (messages.Count > 1 && !TransientFailures.Is(ex))
        {
            LogNarrowing(logger, messages.Count, ConsumerName, ex);
            ExceptionDispatchInfo? failure = null;
            foreach (var message in messages)
            {
                try
                {
                    await ApplyAsync([message], cancellationToken);
                }
                catch (Exception one) when (!TransientFailures.Is(one))
                {
                    failure ??= ExceptionDispatchInfo.Capture(one);
                }
            }

            failure?.Throw();
        }
    }

    /// <summary>Applies the new messages of a batch, in the order they arrived. Changes go through <see cref="Db"/> (saved here) or its connection.</summary>
    protected abstract Task HandleAsync(IReadOnlyList<TMessage> messages, CancellationToken cancellationToken);

    private async Task ApplyAsync(IReadOnlyList<(Guid Id, TMessage Message)> messages, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();

        // A failure ends the transaction (rolled back when disposed, the message retried), so the savepoint
        // EF sets before each SaveChanges inside it is never rolled back to: two round trips for nothing.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var fresh = await RecordAsync(messages.Select(m => m.Id).ToArray(), cancellationToken);
        if (fresh.Count < messages.Count)
        {
            LogDuplicates(logger, messages.Count - fresh.Count, ConsumerName);
        }

        if (fresh.Count == 0)
        {
            return;
        }

        await HandleAsync([.. messages.DistinctBy(m => m.Id).Where(m => fresh.Contains(m.Id)).Select(m => m.Message)], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Records the ids in the inbox; returns those it did not hold yet.</summary>
    private async Task<HashSet<Guid>> RecordAsync(Guid[] ids, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = RecordSql;
        command.Parameters.Add(new NpgsqlParameter("ids", ids));
        command.Parameters.Add(new NpgsqlParameter("consumer", ConsumerName));
        command.Parameters.Add(new NpgsqlParameter("now", time.GetUtcNow()));
        var fresh = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            fresh.Add(reader.GetGuid(0));
        }

        return fresh;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Count} messages of a batch already handled by {Consumer}; skipped")]
    private static partial void LogDuplicates(ILogger logger, int count, string consumer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} messages failed in {Consumer}; applying them one by one")]
    private static partial void LogNarrowing(ILogger logger, int count, string consumer, Exception exception);
}
