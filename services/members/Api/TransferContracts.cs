namespace PartyGrid.Members.Api;

public sealed record RequestTransferRequest(Guid? MemberId, Guid? ToOrgId, string? Reason, int? ValidDays);

/// <summary>A comment on an approval; the reason of a rejection or cancellation (required there).</summary>
public sealed record TransferDecisionRequest(string? Comment, string? Reason);

public sealed record TransferStepResponse(int Ordinal, Guid OrgId, string Kind, string Decision, string? DecidedBy, DateTimeOffset? DecidedAt, string? Comment);

public sealed record TransferResponse(
    Guid Id,
    Guid MemberId,
    Guid FromOrgId,
    Guid ToOrgId,
    string Reason,
    int ValidDays,
    DateOnly ValidUntil,
    string Status,
    Guid? AwaitingOrgId,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    DateTimeOffset? ClosedAt,
    string? ClosingNote,
    IReadOnlyList<TransferStepResponse> Steps,
    long Version)
{
    public static TransferResponse From(Transfer t) => new(
        t.Id,
        t.MemberId,
        t.FromOrganisationId,
        t.ToOrganisationId,
        t.Reason,
        t.ValidDays,
        t.ValidUntil,
        WireName.Of(t.Status),
        t.AwaitingOrganisationId,
        t.RequestedBy,
        t.RequestedAt,
        t.ClosedAt,
        t.ClosingNote,
        [.. t.Steps.OrderBy(s => s.Ordinal).Select(s => new TransferStepResponse(
            s.Ordinal, s.OrganisationId, WireName.Of(s.Kind), WireName.Of(s.Decision), s.DecidedBy, s.DecidedAt, s.Comment))],
        t.Version);
}
