namespace PartyGrid.Gateway.ApiKeys;

/// <summary>
/// A partner system's key: what it may do (scopes), where (an organisation subtree) and how fast.
/// Only the SHA-256 of the secret is kept; the secret itself is shown once, when the key is made.
/// </summary>
public sealed class ApiKey
{
    public required Guid Id { get; init; }

    public required string Name { get; init; }

    public required Guid OrganisationId { get; init; }

    public required string[] Scopes { get; init; }

    /// <summary>The first characters of the secret, so that an operator can tell keys apart.</summary>
    public required string Hint { get; init; }

    public required byte[] SecretHash { get; init; }

    /// <summary>The key's own quota; null takes the gateway's default per client.</summary>
    public int? RequestsPerMinute { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public string? RevokedBy { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    public void Revoke(string by, DateTimeOffset at)
    {
        if (RevokedAt is null)
        {
            RevokedAt = at;
            RevokedBy = by;
        }
    }
}
