using PartyGrid.ServiceDefaults.PersonalData;
using PartyGrid.ServiceDefaults.Paging;

namespace PartyGrid.Members.Domain;

/// <summary>
/// A Party member (党员). The identity number and phone exist here only encrypted, with their lookup
/// hashes; everything that leaves the service masks them.
/// </summary>
public sealed class Member : IHasId
{
    private Member()
    {
    }

    public Guid Id { get; private init; }

    public Guid OrganisationId { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public Gender Gender { get; private init; }

    public string? Ethnicity { get; private set; }

    public DateOnly BirthDate { get; private init; }

    public byte[] IdNumberCipher { get; private init; } = [];

    public byte[] IdNumberLookup { get; private init; } = [];

    public byte[] PhoneCipher { get; private set; } = [];

    public byte[] PhoneLookup { get; private set; } = [];

    public Education? Education { get; private set; }

    public MemberStatus Status { get; private set; }

    public DateOnly JoinedOn { get; private init; }

    public DateOnly ProbationEndsOn { get; private init; }

    public DateOnly? FullMembershipOn { get; private set; }

    public DateOnly? LeftOn { get; private set; }

    public string? LeftReason { get; private set; }

    public List<string> Skills { get; private set; } = [];

    public bool NeedsSupport { get; private set; }

    public string? SupportReason { get; private set; }

    public MemberFlowStatus Flow { get; private set; }

    public bool LostContact { get; private set; }

    public DateTimeOffset CreatedAt { get; private init; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public long Version { get; private set; }

    public bool IsActive => Status != MemberStatus.Left;

    /// <summary>
    /// Records a member. <paramref name="fullMembershipOn"/> applies to members recorded as already full
    /// (an existing member file being onboarded); it defaults to the end of their probation.
    /// </summary>
    /// <remarks><paramref name="id"/> is chosen first because the protected values are bound to it.</remarks>
    public static Member Join(Guid id, MemberProfile profile, Guid organisationId, IdentityNumber idNumber, ProtectedValue protectedId,
        ProtectedValue phone, DateOnly joinedOn, MemberStatus status, DateOnly? fullMembershipOn, DateTimeOffset now) => new()
        {
            Id = id,
            OrganisationId = organisationId,
            Name = profile.Name,
            Ethnicity = profile.Ethnicity,
            Education = profile.Education,
            Skills = [.. profile.Skills],
            NeedsSupport = profile.SupportReason is not null,
            SupportReason = profile.SupportReason,
            Gender = idNumber.Gender,
            BirthDate = idNumber.BirthDate,
            IdNumberCipher = protectedId.Cipher,
            IdNumberLookup = protectedId.Lookup,
            PhoneCipher = phone.Cipher,
            PhoneLookup = phone.Lookup,
            JoinedOn = joinedOn,
            ProbationEndsOn = Probation.EndOf(joinedOn),
            Status = status,
            FullMembershipOn = status == MemberStatus.Full ? fullMembershipOn ?? Probation.EndOf(joinedOn) : null,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };

    public void Amend(MemberProfile profile, ProtectedValue? phone, DateTimeOffset now)
    {
        Name = profile.Name;
        Ethnicity = profile.Ethnicity;
        Education = profile.Education;
        Skills = [.. profile.Skills];
        NeedsSupport = profile.SupportReason is not null;
        SupportReason = profile.SupportReason;
        if (phone is not null)
        {
            PhoneCipher = phone.Cipher;
            PhoneLookup = phone.Lookup;
        }

        Touch(now);
    }

    /// <summary>Conversion to full membership (转正), on a date at or after the end of probation.</summary>
    public void ConvertToFull(DateOnly on, DateOnly today, DateTimeOffset now)
    {
        if (Status != MemberStatus.Probationary)
        {
            throw DomainRuleException.IllegalState("not-probationary", $"Only a probationary member can be converted; this member is {Contracts.WireName.Of(Status)}.");
        }

        if (on < ProbationEndsOn)
        {
            throw new DomainRuleException("probation-not-over", $"The probation lasts until {ProbationEndsOn:yyyy-MM-dd}; conversion cannot be earlier.");
        }

        if (on > today)
        {
            throw new DomainRuleException("date-in-future", "A conversion is recorded once it has happened.");
        }

        Status = MemberStatus.Full;
        FullMembershipOn = on;
        Touch(now);
    }

    public void Leave(DateOnly on, string reason, DateTimeOffset now)
    {
        EnsureActive();
        Status = MemberStatus.Left;
        LeftOn = on;
        LeftReason = reason;
        Touch(now);
    }

    /// <summary>The member now belongs to another organisation (a completed transfer, or a merge on dissolution).</summary>
    public void MoveTo(Guid organisationId, DateTimeOffset now)
    {
        OrganisationId = organisationId;
        Touch(now);
    }

    public void FlowChanged(MemberFlowStatus flow, bool lostContact, DateTimeOffset now)
    {
        Flow = flow == MemberFlowStatus.Returned ? MemberFlowStatus.None : flow;
        LostContact = lostContact;
        Touch(now);
    }

    public void EnsureActive()
    {
        if (!IsActive)
        {
            throw DomainRuleException.IllegalState("member-left", "The member has left the Party; their record can no longer change.");
        }
    }

    public MemberChanged ToEvent() =>
        new(Id, OrganisationId, Status, Skills, NeedsSupport, Flow, LostContact, Version);

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }
}

/// <summary>The parts of a member that their organisation edits freely.</summary>
public sealed record MemberProfile(string Name, string? Ethnicity, Education? Education, IReadOnlyList<string> Skills, string? SupportReason);
