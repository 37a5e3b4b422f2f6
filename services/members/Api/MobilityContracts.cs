namespace PartyGrid.Members.Api;

public sealed record FlowOutRequest(
    Guid? DestinationOrgId, string? DestinationPlace, string? Reason, DateOnly? From, DateOnly? ExpectedReturn, string? CardNumber);

/// <summary><c>orgId</c> names the destination when the member flowed out to a place rather than an organisation.</summary>
public sealed record FlowInRequest(Guid? OrgId, DateOnly? On);

public sealed record FlowDateRequest(DateOnly? On);

public sealed record MobileMemberResponse(
    Guid FlowId,
    Guid MemberId,
    string MemberName,
    Guid HomeOrgId,
    Guid? DestinationOrgId,
    string? DestinationPlace,
    string Reason,
    DateOnly From,
    DateOnly? ExpectedReturn,
    string CardNumber,
    string Status,
    DateOnly? RegisteredInOn,
    DateOnly? ReturnedOn,
    bool LostContact,
    DateOnly? LostContactSince,
    int DaysAway,
    bool TransferPrompt,
    long Version)
{
    public static MobileMemberResponse For(MemberFlow f, string memberName, DateOnly today) => new(
        f.Id,
        f.MemberId,
        memberName,
        f.HomeOrganisationId,
        f.DestinationOrganisationId,
        f.DestinationPlace,
        f.Reason,
        f.From,
        f.ExpectedReturn,
        f.CardNumber,
        WireName.Of(f.Status),
        f.RegisteredInOn,
        f.ReturnedOn,
        f.LostContactSince is not null,
        f.LostContactSince,
        Math.Max(0, (f.ReturnedOn ?? today).DayNumber - f.From.DayNumber),
        f.PromptsTransfer(today),
        f.Version);
}

public sealed record MobileMembersSummary(Guid OrgId, int FlowingOut, int FlowingIn, int LostContact, int TransferPrompts);
