using PartyGrid.ServiceDefaults.Paging;

namespace PartyGrid.Members.Domain;

/// <summary>
/// A mobile member's time away (流动党员): registered out by the home organisation, registered in by
/// the destination, ended by the return. The member keeps their home organisation throughout.
/// </summary>
public sealed class MemberFlow : IHasId
{
    /// <summary>Away this long at one destination, a member should rather be transferred there.</summary>
    public const int TransferPromptMonths = 6;

    private MemberFlow()
    {
    }

    public Guid Id { get; private init; }

    public Guid MemberId { get; private init; }

    public Guid HomeOrganisationId { get; private init; }

    public Guid? DestinationOrganisationId { get; private set; }

    public string? DestinationPlace { get; private init; }

    public string Reason { get; private init; } = string.Empty;

    public DateOnly From { get; private init; }

    public DateOnly? ExpectedReturn { get; private init; }

    /// <summary>The mobile member's activity card (流动党员活动证) number.</summary>
    public string CardNumber { get; private init; } = string.Empty;

    public MemberFlowStatus Status { get; private set; }

    public DateOnly? RegisteredInOn { get; private set; }

    public DateOnly? LostContactSince { get; private set; }

    public DateOnly? ReturnedOn { get; private set; }

    public long Version { get; private set; }

    public bool IsActive => Status is MemberFlowStatus.FlowingOut or MemberFlowStatus.FlowingIn;

    public static MemberFlow Out(Member member, FlowDestination destination, string reason, DateOnly from,
        DateOnly? expectedReturn, string cardNumber, DateTimeOffset now)
    {
        member.EnsureActive();
        if (member.Flow != MemberFlowStatus.None)
        {
            throw DomainRuleException.IllegalState("already-flowing", "The member is already registered as flowing out; record the return first.");
        }

        if (destination.OrganisationId == member.OrganisationId)
        {
            throw new DomainRuleException("same-organisation", "The destination is the member's own organisation.");
        }

        var flow = new MemberFlow
        {
            Id = Guid.CreateVersion7(now),
            MemberId = member.Id,
            HomeOrganisationId = member.OrganisationId,
            DestinationOrganisationId = destination.OrganisationId,
            DestinationPlace = destination.Place,
            Reason = reason,
            From = from,
            ExpectedReturn = expectedReturn,
            CardNumber = cardNumber,
            Status = MemberFlowStatus.FlowingOut,
            Version = 1,
        };
        member.FlowChanged(flow.Status, lostContact: false, now);
        return flow;
    }

    /// <summary>The destination organisation registers the member; they take part in its activities from now.</summary>
    public void In(Member member, Guid destinationOrganisationId, DateOnly on, DateTimeOffset now)
    {
        if (Status != MemberFlowStatus.FlowingOut)
        {
            throw DomainRuleException.IllegalState("not-flowing-out", $"The flow is {WireName.Of(Status)}; only a member flowing out can be registered in.");
        }

        if (DestinationOrganisationId is { } named && named != destinationOrganisationId)
        {
            throw new DomainRuleException("wrong-destination", "The member flowed out to another organisation.");
        }

        DestinationOrganisationId = destinationOrganisationId;
        Status = MemberFlowStatus.FlowingIn;
        RegisteredInOn = on;
        LostContactSince = null;
        Changed(member, now);
    }

    public void Return(Member member, DateOnly on, DateTimeOffset now)
    {
        EnsureActive();
        Status = MemberFlowStatus.Returned;
        ReturnedOn = on;
        LostContactSince = null;
        Changed(member, now);
    }

    public void LoseContact(Member member, DateOnly since, DateTimeOffset now)
    {
        EnsureActive();
        if (LostContactSince is not null)
        {
            throw DomainRuleException.IllegalState("already-lost-contact", $"Contact has been lost since {LostContactSince:yyyy-MM-dd}.");
        }

        LostContactSince = since;
        Changed(member, now);
    }

    /// <summary>Away for <see cref="TransferPromptMonths"/> or more at a known destination.</summary>
    public bool PromptsTransfer(DateOnly today) =>
        IsActive && (DestinationOrganisationId is not null || DestinationPlace is not null) && From <= today.AddMonths(-TransferPromptMonths);

    public MemberFlowChanged ToEvent() =>
        new(Id, MemberId, HomeOrganisationId, DestinationOrganisationId, Status, From, ExpectedReturn, LostContactSince is not null, Version);

    private void EnsureActive()
    {
        if (!IsActive)
        {
            throw DomainRuleException.IllegalState("flow-ended", "The member has already returned.");
        }
    }

    private void Changed(Member member, DateTimeOffset now)
    {
        Version++;
        member.FlowChanged(Status, LostContactSince is not null, now);
    }
}

/// <summary>Where a member goes: an organisation in the network, or a place outside it (or both).</summary>
public sealed record FlowDestination(Guid? OrganisationId, string? Place);
