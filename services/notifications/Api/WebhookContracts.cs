namespace PartyGrid.Notifications.Api;

/// <param name="Url">Where deliveries are POSTed: https, not a private, loopback or link-local address.</param>
/// <param name="EventTypes">Any of <c>ticket.accepted</c>, <c>ticket.escalated</c>, <c>ticket.resolved</c>, <c>ticket.closed</c>, <c>ticket.reopened</c>, <c>ticket.rated</c>, <c>ticket.supervised</c>.</param>
public sealed record WebhookRequest(string? Url, List<string>? EventTypes, string? Description);

/// <param name="Secret">The <c>whsec_</c> signing secret: only in the answer that created or rotated it.</param>
/// <param name="PreviousSecretValidUntil">After a rotation: until when deliveries are signed with the previous secret too.</param>
public sealed record WebhookResponse(
    Guid Id, string Url, IReadOnlyList<string> EventTypes, string? Description, string Status, string? StatusReason,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? PreviousSecretValidUntil, string? Secret)
{
    public static WebhookResponse From(Subscription s, DateTimeOffset now, string? secret = null) => new(
        s.Id, s.Url, s.EventTypes, s.Description, WireName.Of(s.Status), s.StatusReason, s.CreatedAt, s.UpdatedAt,
        s.PreviousSecretExpiresAt > now ? s.PreviousSecretExpiresAt : null, secret);
}

public sealed record DeliveryAttemptResponse(DateTimeOffset At, int? StatusCode, int DurationMs, string? Error);

/// <param name="MessageId">The <c>webhook-id</c> every attempt of this delivery carries.</param>
/// <param name="NextAttemptAt">When it is tried again, while pending.</param>
public sealed record DeliveryResponse(
    Guid Id, string MessageId, string Type, Guid TicketId, long TicketVersion, string Status, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt, int? LastStatusCode, string? LastError,
    IReadOnlyList<DeliveryAttemptResponse> AttemptLog)
{
    public static DeliveryResponse From(Domain.Delivery d) => new(
        d.Id, d.MessageId, d.Type, d.TicketId, d.TicketVersion, WireName.Of(d.Status), d.Attempts, d.CreatedAt,
        d.Status == DeliveryStatus.Pending ? d.NextAttemptAt : null, d.DeliveredAt, d.LastStatusCode, d.LastError,
        [.. d.AttemptLog.OrderBy(a => a.At).Select(a => new DeliveryAttemptResponse(a.At, a.StatusCode, a.DurationMs, a.Error))]);
}
