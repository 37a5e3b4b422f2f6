namespace PartyGrid.ServiceDefaults.Messaging;

/// <summary>A message a consumer has handled, committed together with the consumer's effect.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; init; }

    public required string Consumer { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }
}
