namespace PartyGrid.Tickets.Data;

/// <summary>The service catalogue as one versioned document; there is one row.</summary>
public sealed class CatalogueRecord
{
    public const int SingleId = 1;

    public int Id { get; init; } = SingleId;

    public long Version { get; set; }

    public required string Document { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }
}
