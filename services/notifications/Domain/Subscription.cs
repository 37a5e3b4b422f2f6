namespace PartyGrid.Notifications.Domain;

public enum SubscriptionStatus
{
    Active = 1,

    /// <summary>Paused by its owner, or after three days of failed deliveries; resumed by its owner.</summary>
    Paused = 2,

    /// <summary>The receiver answered 410 Gone; resumed by its owner like a pause.</summary>
    Disabled = 3,
}

/// <summary>
/// A partner key's subscription to ticket events: where they go, which types, and the signing secret
/// (sealed at rest). A rotated secret keeps the previous one valid for <see cref="RotationOverlap"/>,
/// so a receiver can switch without losing a delivery.
/// </summary>
public sealed class Subscription
{
    public static readonly TimeSpan RotationOverlap = TimeSpan.FromHours(24);

    public Guid Id { get; init; }

    /// <summary>The partner subject (<c>api-key:{id}</c>) that owns it; only that key sees it.</summary>
    public required string Owner { get; init; }

    /// <summary>The key's organisation: tickets taken in or held in its subtree are announced.</summary>
    public Guid OrganisationId { get; init; }

    public string Url { get; private set; } = string.Empty;

    public List<string> EventTypes { get; private set; } = [];

    public string? Description { get; private set; }

    public SubscriptionStatus Status { get; private set; }

    public string? StatusReason { get; private set; }

    public byte[] SecretCipher { get; private set; } = [];

    public byte[]? PreviousSecretCipher { get; private set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; private set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public long Version { get; private set; }

    public static Subscription Create(Guid id, string owner, Guid organisationId, WebhookTarget target, byte[] secretCipher, DateTimeOffset now) => new()
    {
        Id = id,
        Owner = owner,
        OrganisationId = organisationId,
        Url = target.Url,
        EventTypes = [.. target.EventTypes],
        Description = target.Description,
        Status = SubscriptionStatus.Active,
        SecretCipher = secretCipher,
        CreatedAt = now,
        UpdatedAt = now,
        Version = 1,
    };

    public void Change(WebhookTarget target, DateTimeOffset now)
    {
        (Url, EventTypes, Description) = (target.Url, [.. target.EventTypes], target.Description);
        Touch(now);
    }

    public void Pause(string reason, DateTimeOffset now) => Become(SubscriptionStatus.Paused, reason, now);

    public void Disable(string reason, DateTimeOffset now) => Become(SubscriptionStatus.Disabled, reason, now);

    public void Resume(DateTimeOffset now) => Become(SubscriptionStatus.Active, null, now);

    public void Rotate(byte[] newSecretCipher, DateTimeOffset now)
    {
        (PreviousSecretCipher, PreviousSecretExpiresAt, SecretCipher) = (SecretCipher, now + RotationOverlap, newSecretCipher);
        Touch(now);
    }

    /// <summary>The sealed secrets a delivery is signed with now: the current one, and the previous during the overlap.</summary>
    public IEnumerable<byte[]> SigningCiphers(DateTimeOffset now)
    {
        yield return SecretCipher;
        if (PreviousSecretCipher is { } previous && PreviousSecretExpiresAt > now)
        {
            yield return previous;
        }
    }

    private void Become(SubscriptionStatus status, string? reason, DateTimeOffset now)
    {
        (Status, StatusReason) = (status, reason);
        Touch(now);
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }
}

/// <summary>A checked target: an allowed URL, known event types, an optional description.</summary>
public sealed record WebhookTarget(string Url, IReadOnlyList<string> EventTypes, string? Description);
