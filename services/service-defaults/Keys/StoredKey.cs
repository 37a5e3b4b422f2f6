using Microsoft.EntityFrameworkCore;

namespace PartyGrid.ServiceDefaults.Keys;

/// <summary>
/// One key pair of a service's key ring as stored: the private key encrypted under the key-encryption
/// key (AES-256-GCM, bound to the key's id and purpose), and the times that decide what it does.
/// </summary>
public sealed class StoredKey
{
    public required string Id { get; init; }

    public required string Purpose { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>From then on it signs (encrypts); before, it is only published.</summary>
    public DateTimeOffset ActivatesAt { get; set; }

    /// <summary>From then on it no longer signs, but still validates.</summary>
    public DateTimeOffset RetiresAt { get; set; }

    /// <summary>From then on it is not published and is deleted.</summary>
    public DateTimeOffset ForgottenAt { get; set; }

    public required byte[] ProtectedPrivateKey { get; init; }
}

public static class StoredKeysModel
{
    public const string Table = "signing_keys";

    public static ModelBuilder AddStoredKeys(this ModelBuilder model)
    {
        model.Entity<StoredKey>(e =>
        {
            e.ToTable(Table);
            e.HasKey(k => k.Id);
            e.Property(k => k.Id).HasMaxLength(64);
            e.Property(k => k.Purpose).HasMaxLength(40);
        });
        return model;
    }
}
