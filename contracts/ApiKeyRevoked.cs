namespace PartyGrid.Contracts;

/// <summary>A partner API key was revoked at the gateway: whatever was set up for it (webhook subscriptions) ends with it.</summary>
public sealed record ApiKeyRevoked(Guid KeyId, DateTimeOffset RevokedAt) : IIntegrationEvent
{
    /// <summary>A key is revoked once, for good.</summary>
    public long Version => 1;

    public static string EventName => "api-key-revoked";

    Guid IIntegrationEvent.AggregateId => KeyId;
}
