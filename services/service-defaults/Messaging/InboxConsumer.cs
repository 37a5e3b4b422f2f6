using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace PartyGrid.ServiceDefaults.Messaging;

/// <summary>
/// A consumer whose effect and the record of the message id commit in one transaction, so a
/// redelivered or republished message changes nothing. An exception rolls both back and propagates to
/// MassTransit, which retries and then moves the message to the endpoint's <c>_error</c> queue: a
/// failure is never acknowledged away.
/// </summary>
public abstract partial class InboxConsumer<TMessage, TContext>(TContext db, TimeProvider time, ILogger logger) : IConsumer<TMessage>
    where TMessage : class
    where TContext : DbContext
{
    /// <summary>Stable name of this consumer in the inbox; each consumer of a message de-duplicates alone.</summary>
    protected abstract string ConsumerName { get; }

    protected TContext Db => db;

    protected TimeProvider Time => time;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"A {typeof(TMessage).Name} arrived without a message id.");
        var cancellationToken = context.CancellationToken;

        db.ChangeTracker.Clear();

        // A failure ends the transaction (rolled back when disposed, the message retried), so the savepoint
        // EF sets before each SaveChanges inside it is never rolled back to: two round trips for nothing.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var inserted = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO inbox_messages (message_id, consumer, received_at) VALUES ({messageId}, {ConsumerName}, {now}) ON CONFLICT DO NOTHING",
            cancellationToken);
        if (inserted == 0)
        {
            LogDuplicate(logger, messageId, ConsumerName);
            return;
        }

        await HandleAsync(context.Message, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Applies the message. Changes go through <see cref="Db"/> (saved here) or its connection.</summary>
    protected abstract Task HandleAsync(TMessage message, CancellationToken cancellationToken);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Message {MessageId} already handled by {Consumer}; skipped")]
    private static partial void LogDuplicate(ILogger logger, Guid messageId, string consumer);
}
