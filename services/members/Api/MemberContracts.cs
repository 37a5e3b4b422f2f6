using PartyGrid.ServiceDefaults.PersonalData;

namespace PartyGrid.Members.Api;

public sealed record RegisterMemberRequest(
    Guid? OrgId,
    string? Name,
    Gender? Gender,
    DateOnly? BirthDate,
    string? IdNumber,
    string? Phone,
    DateOnly? JoinedOn,
    MemberStatus? Status,
    string[]? Skills,
    string? Ethnicity,
    Education? Education,
    bool? NeedsSupport,
    string? SupportReason,
    DateOnly? FullMembershipOn);

/// <summary>Absent fields keep their value; <c>skills</c> replaces the list.</summary>
public sealed record AmendMemberRequest(
    string? Name,
    string? Phone,
    string[]? Skills,
    string? Ethnicity,
    Education? Education,
    bool? NeedsSupport,
    string? SupportReason);

/// <summary>Exact-match search on protected fields; both given means both must match.</summary>
public sealed record MemberLookupRequest(string? IdNumber, string? Phone);

public sealed record MemberMatches(IReadOnlyList<MemberResponse> Items);

public sealed record FullMembershipRequest(DateOnly? On);

public sealed record LeaveRequest(string? Reason, DateOnly? On);

/// <summary>
/// A member as every response shows them: identity number and phone masked, and the birth year
/// only — the full date beside the masked number's tail would leave about ten candidates.
/// </summary>
public sealed record MemberResponse(
    Guid Id,
    Guid OrgId,
    string Name,
    string Gender,
    string? Ethnicity,
    int BirthYear,
    string IdNumber,
    string Phone,
    string? Education,
    string Status,
    DateOnly JoinedOn,
    DateOnly ProbationEndsOn,
    DateOnly? FullMembershipOn,
    DateOnly? LeftOn,
    string? LeftReason,
    IReadOnlyList<string> Skills,
    bool NeedsSupport,
    string? SupportReason,
    string Flow,
    bool LostContact,
    long Version)
{
    public static MemberResponse From(Member m, PersonalDataProtector protector) => new(
        m.Id,
        m.OrganisationId,
        m.Name,
        WireName.Of(m.Gender),
        m.Ethnicity,
        m.BirthDate.Year,
        PersonalDataMask.IdNumber(protector.Decrypt(PersonalField.IdNumber, m.Id, m.IdNumberCipher)),
        PersonalDataMask.Phone(protector.Decrypt(PersonalField.Phone, m.Id, m.PhoneCipher)),
        m.Education is { } e ? WireName.Of(e) : null,
        WireName.Of(m.Status),
        m.JoinedOn,
        m.ProbationEndsOn,
        m.FullMembershipOn,
        m.LeftOn,
        m.LeftReason,
        m.Skills,
        m.NeedsSupport,
        m.SupportReason,
        WireName.Of(m.Flow),
        m.LostContact,
        m.Version);
}

/// <summary>Unmasked personal data, for <c>pii-reader</c> only; every response is an audited access.</summary>
public sealed record PersonalDataResponse(Guid Id, string Name, string IdNumber, string Phone, DateOnly BirthDate, string Gender);

/// <summary>One audited use: a <c>reveal</c> of <c>memberId</c>, or a <c>lookup</c> that found <c>matchedMemberIds</c> (none for a miss).</summary>
public sealed record PersonalDataAccessResponse(
    Guid Id,
    string Use,
    Guid? MemberId,
    IReadOnlyList<Guid> MatchedMemberIds,
    string ReaderSubject,
    string ReaderName,
    Guid ReaderOrgId,
    string Reason,
    DateTimeOffset AccessedAt,
    string? TraceId)
{
    public static PersonalDataAccessResponse From(PersonalDataAccess a) => new(
        a.Id, WireName.Of(a.Use), a.MemberId, a.MatchedMemberIds, a.ReaderSubject, a.ReaderName, a.ReaderOrganisationId, a.Reason, a.AccessedAt, a.TraceId);
}
