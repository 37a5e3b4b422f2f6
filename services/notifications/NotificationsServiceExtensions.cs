using Microsoft.Extensions.Options;
using PartyGrid.Notifications.Consuming;
using PartyGrid.Notifications.Delivery;
using PartyGrid.ServiceDefaults.Hosting;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Keys;
using PartyGrid.ServiceDefaults.Projections;

namespace PartyGrid.Notifications;

public static class NotificationsServiceExtensions
{
    public const string ServiceName = "notifications";

    public static IHostApplicationBuilder AddNotificationsServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceBackbone<NotificationsDbContext>(ServiceName, consume => consume
            .Consume<OrganisationChanged, OrganisationProjector<NotificationsDbContext>>()
            .ConsumeBatches<TicketChanged, TicketChangeAnnouncer>(BatchShape.Snapshots)
            .Consume<ApiKeyRevoked, RevokedKeySubscriptions>());
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();

        // Signing secrets are sealed with the service's key-encryption key, as private keys are elsewhere.
        builder.AddKeyEncryption();
        builder.AddSealedColumn<NotificationsDbContext>("subscriptions", "secret_cipher", $"'{WebhookSecrets.Purpose}'");
        builder.AddSealedColumn<NotificationsDbContext>("subscriptions", "previous_secret_cipher", $"'{WebhookSecrets.Purpose}'");
        builder.Services.AddSingleton<WebhookSecrets>();

        builder.Services.AddSingleton<TargetGuard>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddSingleton<DeliverySignal>();
        builder.Services.AddSingleton<WebhookMetrics>();
        builder.Services.AddHostedService<WebhookDispatcher>();
        return builder;
    }
}
