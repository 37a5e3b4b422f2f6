using PartyGrid.ServiceDefaults.Messaging;

namespace PartyGrid.Notifications.Consuming;

/// <summary>A revoked key's subscriptions end with it: removed with their waiting deliveries, so nothing more is sent on its behalf.</summary>
public sealed class RevokedKeySubscriptions(NotificationsDbContext db, TimeProvider time, ILogger<RevokedKeySubscriptions> logger)
    : InboxConsumer<ApiKeyRevoked, NotificationsDbContext>(db, time, logger)
{
    protected override string ConsumerName => "revoked-key-subscriptions";

    protected override async Task HandleAsync(ApiKeyRevoked message, CancellationToken cancellationToken)
    {
        var owner = $"{PartyGridClaims.PartnerSubjectPrefix}{message.KeyId}";
        await Db.RemoveAsync(Db.Subscriptions.Where(s => s.Owner == owner), cancellationToken);
    }
}
