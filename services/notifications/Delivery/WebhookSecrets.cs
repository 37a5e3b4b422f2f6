using System.Text;
using PartyGrid.ServiceDefaults.Keys;

namespace PartyGrid.Notifications.Delivery;

/// <summary>Signing secrets sealed at rest (AES-256-GCM under the service's key-encryption key, bound to the subscription).</summary>
public sealed class WebhookSecrets(KeyProtector protector)
{
    public const string Purpose = "webhook-signing-secret";

    public byte[] Seal(Guid subscriptionId, string secret) => protector.Protect(Purpose, subscriptionId.ToString(), Encoding.UTF8.GetBytes(secret));

    public string Open(Guid subscriptionId, byte[] cipher) => Encoding.UTF8.GetString(protector.Unprotect(Purpose, subscriptionId.ToString(), cipher));
}
