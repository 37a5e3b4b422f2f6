namespace PartyGrid.Notifications.Domain;

public enum DeliveryStatus
{
    Pending = 1,
    Delivered = 2,
    Failed = 3,
}

/// <summary>
/// One event for one subscription: the outbox row the dispatcher sends until the receiver
/// acknowledges it or it has failed for <see cref="RetrySchedule.GiveUpAfter"/>. Its
/// <see cref="MessageId"/> stays the same on every attempt, so a receiver can drop a repeat.
/// </summary>
public sealed class Delivery
{
    public Guid Id { get; init; }

    /// <summary>Assigned by the database: the order events of one ticket were staged in.</summary>
    public long Sequence { get; init; }

    public Guid SubscriptionId { get; init; }

    public Guid TicketId { get; init; }

    public long TicketVersion { get; init; }

    public required string Type { get; init; }

    /// <summary>The exact body sent, <c>{type, timestamp, data}</c>: what is signed.</summary>
    public required string Payload { get; init; }

    /// <summary>When the ticket changed: delivery latency is measured from here.</summary>
    public DateTimeOffset ChangedAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DeliveryStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    /// <summary>A dispatcher holds it until then; a replica that dies mid-send lets it go when it passes.</summary>
    public DateTimeOffset? LeasedUntil { get; private set; }

    public DateTimeOffset? DeliveredAt { get; private set; }

    public int? LastStatusCode { get; private set; }

    public string? LastError { get; private set; }

    public List<DeliveryAttempt> AttemptLog { get; private init; } = [];

    public string MessageId => $"msg_{Id:N}";

    public static Delivery Stage(Guid id, Guid subscriptionId, TicketChanged ticket, string type, string payload, DateTimeOffset now) => new()
    {
        Id = id,
        SubscriptionId = subscriptionId,
        TicketId = ticket.Id,
        TicketVersion = ticket.Version,
        Type = type,
        Payload = payload,
        ChangedAt = ticket.ChangedAt ?? now,
        CreatedAt = now,
        Status = DeliveryStatus.Pending,
        NextAttemptAt = now,
    };

    /// <summary>The receiver's answer to one attempt, and what becomes of the delivery (and its subscription) by it.</summary>
    public DeliveryOutcome Record(AttemptResult result, RetrySchedule schedule, DateTimeOffset now)
    {
        Attempts++;
        LeasedUntil = null;
        (LastStatusCode, LastError) = (result.StatusCode, result.Error);
        AttemptLog.Add(new DeliveryAttempt(Guid.CreateVersion7(now), Id, now, result.StatusCode, (int)result.Duration.TotalMilliseconds, result.Error));
        if (result.StatusCode is >= 200 and < 300)
        {
            (Status, DeliveredAt) = (DeliveryStatus.Delivered, now);
            return DeliveryOutcome.Delivered;
        }

        if (result.StatusCode == 410)
        {
            Status = DeliveryStatus.Failed;
            return DeliveryOutcome.Gone;
        }

        if (schedule.Next(Attempts, CreatedAt, now, result.RetryAfter) is { } next)
        {
            NextAttemptAt = next;
            return DeliveryOutcome.Retrying;
        }

        Status = DeliveryStatus.Failed;
        return DeliveryOutcome.GaveUp;
    }

    /// <summary>Sent again at once, by hand, whatever became of it.</summary>
    public void Redeliver(DateTimeOffset now) => (Status, NextAttemptAt, LeasedUntil, DeliveredAt) = (DeliveryStatus.Pending, now, null, null);
}

public sealed record DeliveryAttempt(Guid Id, Guid DeliveryId, DateTimeOffset At, int? StatusCode, int DurationMs, string? Error);

/// <summary>What one attempt met: a status code, or an error (timeout, refused target, no connection).</summary>
public sealed record AttemptResult(int? StatusCode, TimeSpan Duration, string? Error, TimeSpan? RetryAfter);

public enum DeliveryOutcome
{
    Delivered,
    Retrying,
    Gone,
    GaveUp,
}
