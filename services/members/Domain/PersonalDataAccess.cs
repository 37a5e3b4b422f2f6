using PartyGrid.ServiceDefaults.Paging;

namespace PartyGrid.Members.Domain;

/// <summary>
/// One use of a member's personal data (PIPL audit): who, when, why, and which member — a reveal of
/// the unmasked values (one member), or an exact-match lookup with the members it found, recorded
/// whether it found anyone or not, because a run of misses is how an attacker enumerates numbers.
/// </summary>
public sealed class PersonalDataAccess : IHasId
{
    public Guid Id { get; init; }

    public PersonalDataUse Use { get; init; }

    /// <summary>The member revealed; none for a lookup.</summary>
    public Guid? MemberId { get; init; }

    /// <summary>The members a lookup found within the caller's scope; empty for a miss and for a reveal.</summary>
    public Guid[] MatchedMemberIds { get; init; } = [];

    public required string ReaderSubject { get; init; }

    public required string ReaderName { get; init; }

    public Guid ReaderOrganisationId { get; init; }

    public required string Reason { get; init; }

    public DateTimeOffset AccessedAt { get; init; }

    public string? TraceId { get; init; }
}

public enum PersonalDataUse
{
    Reveal,
    Lookup,
}
