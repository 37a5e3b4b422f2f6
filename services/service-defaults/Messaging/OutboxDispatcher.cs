using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using PartyGrid.ServiceDefaults.Hosting;

namespace PartyGrid.ServiceDefaults.Messaging;

/// <summary>
/// Publishes pending outbox rows to RabbitMQ and marks them sent. A batch is claimed with
/// <c>FOR UPDATE SKIP LOCKED</c> inside a transaction, so replicas never publish the same row at
/// once; publishing awaits the broker's confirm, and only then is the row marked sent. A failure
/// leaves the batch pending and the dispatcher retries with back-off until the broker takes it.
/// </summary>
public sealed partial class OutboxDispatcher<TContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal signal,
    OutboxMetrics metrics,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    private DateTimeOffset backlogRecordedAt = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var published = await DispatchBatchAsync(settings, stoppingToken);
                failures = 0;
                if (published < settings.BatchSize)
                {
                    await signal.WaitAsync(settings.PollInterval, time, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                var delay = Backoff(failures, settings);
                LogDispatchFailed(logger, ex, failures, delay);
                metrics.PublishFailed();
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    internal static TimeSpan Backoff(int failures, OutboxOptions settings)
    {
        var exponential = settings.MinBackoff * Math.Pow(2, Math.Min(failures - 1, 10));
        return exponential < settings.MaxBackoff ? exponential : settings.MaxBackoff;
    }

    private async Task<int> DispatchBatchAsync(OutboxOptions settings, CancellationToken stoppingToken)
    {
        // Polling is bookkeeping: without this every replica would add a trace per second of SELECTs
        // to the dashboard. Publishing itself is traced again (see PublishAsync).
        using var quiet = SuppressInstrumentationScope.Begin();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();

        await using var transaction = await db.Database.BeginTransactionAsync(stoppingToken);
        var batch = await db.Set<OutboxMessage>()
            .FromSql($"SELECT * FROM outbox_messages WHERE sent_at IS NULL ORDER BY id LIMIT {settings.BatchSize} FOR UPDATE SKIP LOCKED")
            .AsNoTracking()
            .ToListAsync(stoppingToken);

        if (batch.Count == 0)
        {
            await transaction.CommitAsync(stoppingToken);
            await RecordBacklogAsync(db, settings, stoppingToken);
            return 0;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(settings.PublishTimeout);
        try
        {
            await Task.WhenAll(batch.Select(m => PublishAsync(m, timeout.Token)));
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            await RecordAttemptAsync(db, batch, ex, stoppingToken);
            throw;
        }

        // One statement for the whole batch: the rows are locked by this transaction, so nobody else
        // changed them since they were read.
        var sentAt = time.GetUtcNow();
        var ids = batch.Select(m => m.Id).ToArray();
        await db.Set<OutboxMessage>()
            .Where(m => ids.Contains(m.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, sentAt).SetProperty(m => m.Attempts, m => m.Attempts + 1), stoppingToken);
        await transaction.CommitAsync(stoppingToken);
        metrics.Published(batch.Count);
        await RecordBacklogAsync(db, settings, stoppingToken);
        return batch.Count;
    }

    private async Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        // Continue the trace of the request that raised the event: gateway → service → broker → consumers.
        using var traced = SuppressInstrumentationScope.Begin(false);
        ActivityContext.TryParse(message.TraceParent, message.TraceState, out var parent);
        using var activity = Telemetry.Source.StartActivity($"{message.EventName} outbox", ActivityKind.Internal, parent);
        activity?.SetTag("messaging.message.id", message.Id);

        await bus.Publish(message.Deserialize(), context => context.MessageId = message.Id, cancellationToken);
    }

    private async Task RecordAttemptAsync(TContext db, List<OutboxMessage> batch, Exception error, CancellationToken cancellationToken)
    {
        var ids = batch.Select(m => m.Id).ToArray();
        var text = error.Message.Length > 2000 ? error.Message[..2000] : error.Message;
        db.ChangeTracker.Clear();
        await db.Set<OutboxMessage>()
            .Where(m => ids.Contains(m.Id) && m.SentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, m => m.Attempts + 1).SetProperty(m => m.LastError, text), cancellationToken);
    }

    // A gauge, read at most once per poll interval: counting after every batch would add a query per event under load.
    private async Task RecordBacklogAsync(TContext db, OutboxOptions settings, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now - backlogRecordedAt < settings.PollInterval)
        {
            return;
        }

        backlogRecordedAt = now;
        var backlog = await db.Database
            .SqlQuery<OutboxBacklog>($"SELECT count(*) AS pending, min(created_at) AS oldest FROM outbox_messages WHERE sent_at IS NULL")
            .SingleAsync(cancellationToken);
        metrics.Backlog(backlog.Pending, backlog.Oldest is { } oldest ? now - oldest : TimeSpan.Zero);
    }

    private sealed record OutboxBacklog(long Pending, DateTimeOffset? Oldest);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox dispatch failed ({Failures} in a row); retrying in {Delay}")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception, int failures, TimeSpan delay);
}
