using Microsoft.Extensions.Options;
using OpenTelemetry;

namespace PartyGrid.Notifications.Delivery;

/// <summary>
/// Sends due deliveries. A batch is leased in one statement (<c>FOR UPDATE SKIP LOCKED</c>), so
/// replicas share the work and never send the same row at once, and is sent outside any transaction;
/// a replica that dies mid-send leaves its lease to run out, and another sends the delivery again
/// under the same <c>webhook-id</c>. Per subscription and ticket only the oldest pending delivery is
/// due, so an older state is never sent after a newer one.
/// </summary>
public sealed partial class WebhookDispatcher(
    IServiceScopeFactory scopes, WebhookSender sender, WebhookSecrets secrets, DeliverySignal signal, WebhookMetrics metrics,
    IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private readonly RetrySchedule schedule = new(options.Value.Delays, options.Value.GiveUpAfter, Random.Shared.NextDouble);
    private DateTimeOffset backlogCountedAt = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var sent = await DispatchBatchAsync(settings, stoppingToken);
                if (sent < settings.BatchSize)
                {
                    await signal.WaitAsync(settings.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogDispatchFailed(logger, ex);
                await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task<int> DispatchBatchAsync(WebhookOptions settings, CancellationToken stoppingToken)
    {
        List<Guid> leased;
        using (SuppressInstrumentationScope.Begin())
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            var now = time.GetUtcNow();
            var until = now + settings.Timeout + TimeSpan.FromSeconds(30);
            leased = await db.Database.SqlQuery<Guid>(
                $"""
                UPDATE deliveries SET leased_until = {until}
                WHERE id IN (
                    SELECT d.id FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id
                    WHERE d.status = 'pending' AND d.next_attempt_at <= {now} AND (d.leased_until IS NULL OR d.leased_until < {now})
                      AND s.status = 'active'
                      AND NOT EXISTS (SELECT 1 FROM deliveries e WHERE e.subscription_id = d.subscription_id AND e.ticket_id = d.ticket_id
                                      AND e.status = 'pending' AND e.sequence < d.sequence)
                    ORDER BY d.next_attempt_at LIMIT {settings.BatchSize}
                    FOR UPDATE OF d SKIP LOCKED)
                RETURNING id AS "Value"
                """).ToListAsync(stoppingToken);

            // A gauge, counted at most once per poll interval: not a second query for every batch under load.
            if (now - backlogCountedAt >= settings.PollInterval)
            {
                backlogCountedAt = now;
                metrics.Backlog(await db.Deliveries.CountAsync(d => d.Status == DeliveryStatus.Pending, stoppingToken));
            }
        }

        await Task.WhenAll(leased.Select(id => SendAsync(id, stoppingToken)));
        return leased.Count;
    }

    private async Task SendAsync(Guid deliveryId, CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var delivery = await db.Deliveries.SingleAsync(d => d.Id == deliveryId, stoppingToken);
        var subscription = await db.Subscriptions.AsNoTracking().SingleAsync(s => s.Id == delivery.SubscriptionId, stoppingToken);
        var now = time.GetUtcNow();
        var signing = subscription.SigningCiphers(now).Select(c => secrets.Open(subscription.Id, c)).ToList();

        var result = await sender.SendAsync(delivery, subscription.Url, signing, stoppingToken);
        now = time.GetUtcNow();
        var outcome = delivery.Record(result, schedule, now);
        await db.SaveChangesAsync(stoppingToken);
        switch (outcome)
        {
            case DeliveryOutcome.Delivered:
                metrics.Delivered(delivery.Type, now - delivery.ChangedAt);
                break;
            case DeliveryOutcome.Gone:
                metrics.Failed("gone");
                await StopAsync(db, subscription.Id, SubscriptionStatus.Disabled, "接收方答复 410 Gone，订阅已停用", stoppingToken);
                break;
            case DeliveryOutcome.GaveUp:
                metrics.Failed("gave-up");
                await StopAsync(db, subscription.Id, SubscriptionStatus.Paused, "连续 3 天投递失败，订阅已暂停", stoppingToken);
                break;
            default:
                metrics.AttemptFailed();
                LogAttemptFailed(logger, delivery.MessageId, result.StatusCode, result.Error, delivery.NextAttemptAt);
                break;
        }
    }

    // One statement, so an owner's concurrent change to the subscription is neither lost nor a conflict.
    private async Task StopAsync(NotificationsDbContext db, Guid subscriptionId, SubscriptionStatus status, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await db.Subscriptions.Where(s => s.Id == subscriptionId && s.Status == SubscriptionStatus.Active)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Status, status)
                .SetProperty(x => x.StatusReason, reason)
                .SetProperty(x => x.UpdatedAt, now)
                .SetProperty(x => x.Version, x => x.Version + 1), cancellationToken);
        LogSubscriptionStopped(logger, subscriptionId, reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook dispatch failed; retrying")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {MessageId} not acknowledged ({StatusCode}, {Error}); next attempt at {NextAt}")]
    private static partial void LogAttemptFailed(ILogger logger, string messageId, int? statusCode, string? error, DateTimeOffset nextAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook subscription {SubscriptionId} stopped: {Reason}")]
    private static partial void LogSubscriptionStopped(ILogger logger, Guid subscriptionId, string reason);
}
