using PartyGrid.ServiceDefaults.Paging;

namespace PartyGrid.Members.Domain;

/// <summary>One reveal of a member's unmasked personal data: who, when, which member, why (PIPL audit).</summary>
public sealed class PersonalDataAccess : IHasId
{
    public Guid Id { get; init; }

    public Guid MemberId { get; init; }

    public required string ReaderSubject { get; init; }

    public required string ReaderName { get; init; }

    public Guid ReaderOrganisationId { get; init; }

    public required string Reason { get; init; }

    public DateTimeOffset AccessedAt { get; init; }

    public string? TraceId { get; init; }
}
