using PartyGrid.ServiceDefaults.PersonalData;

namespace PartyGrid.Tickets.Api;

public sealed record RequesterRequest(string? Name, string? Phone, string? Address, Guid? MemberId);

/// <summary><c>resolution</c> set means the site settled the matter on the spot at intake.</summary>
public sealed record SubmitTicketRequest(
    Guid? IntakeOrgId,
    TicketCategory? Category,
    string? Item,
    string? Title,
    string? Description,
    RequesterRequest? Requester,
    TicketChannel? Channel,
    TicketPriority? Priority,
    string? ExternalRef,
    Dictionary<string, string>? Attributes,
    string? Resolution);

public sealed record ReasonRequest(string? Reason);

/// <summary>Who takes the ticket on: one active member, or one service team (党员服务队) — exactly one of them.</summary>
public sealed record AssignRequest(Guid? MemberId, Guid? TeamId);

public sealed record ResolveRequest(string? Resolution);

public sealed record RateRequest(int? Score, string? Comment);

public sealed record CommentRequest(string? Text);

/// <summary>
/// The resident as the caller may see them: the phone always masked; the name and the address beyond
/// the village masked (<c>masked: true</c>) unless the caller works the matter (<see cref="WorkingNeed"/>).
/// </summary>
public sealed record RequesterResponse(string Name, string Phone, string? Address, bool Masked)
{
    public static RequesterResponse Of(Ticket t, Caller caller, PersonalDataProtector protector)
    {
        var phone = PersonalDataMask.Phone(protector.Decrypt(PersonalField.Phone, t.Id, t.RequesterPhoneCipher));
        return WorkingNeed.Of(caller, t.CurrentOrganisationId, t.IntakeOrganisationId)
            ? new(t.RequesterName, phone, t.RequesterAddress, Masked: false)
            : new(PersonalDataMask.Name(t.RequesterName), phone, t.RequesterAddress is { } a ? PersonalDataMask.Address(a) : null, Masked: true);
    }
}

/// <summary>The deadline an open ticket runs against now (none once settled or while suspended).</summary>
/// <param name="Kind"><c>response</c> until a site answers, then <c>resolution</c>.</param>
/// <param name="DueAt">When it falls due.</param>
/// <param name="WarnAt">When 80 % of its working time is used: the moment the ticket is warned.</param>
public sealed record DeadlineResponse(string Kind, DateTimeOffset DueAt, DateTimeOffset WarnAt);

public sealed record TimelineResponse(DateTimeOffset At, string Action, string Actor, Guid OrgId, string? FromStatus, string ToStatus, string? Note);

public sealed record TicketResponse(
    Guid Id,
    string Number,
    string Category,
    string Item,
    string Title,
    string Description,
    IReadOnlyDictionary<string, string> Attributes,
    RequesterResponse Requester,
    string Channel,
    string Priority,
    string? ExternalRef,
    Guid IntakeOrgId,
    Guid CurrentOrgId,
    string Tier,
    string Status,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset ResponseDueAt,
    DateTimeOffset ResolutionDueAt,
    DeadlineResponse? Deadline,
    bool Overdue,
    bool Warned,
    bool Supervised,
    Guid? AssignedMemberId,
    Guid? AssignedTeamId,
    string? Resolution,
    Guid? ResolvedOrgId,
    string? ResolvedTier,
    int EscalationCount,
    int ReopenCount,
    int? Rating,
    string? RatingComment,
    long Version,
    IReadOnlyList<string>? Actions,
    IReadOnlyList<TimelineResponse>? Timeline)
{
    /// <param name="actions">
    /// For one ticket read on its own: what the caller may do to it now, and its timeline. Lists
    /// carry neither.
    /// </param>
    public static TicketResponse From(
        Ticket t, Caller caller, PersonalDataProtector protector, DateTimeOffset now, IReadOnlyList<TicketAction>? actions = null) => new(
        t.Id,
        t.Number,
        WireName.Of(t.Category),
        t.Item,
        t.Title,
        t.Description,
        t.Attributes,
        RequesterResponse.Of(t, caller, protector),
        WireName.Of(t.Channel),
        WireName.Of(t.Priority),
        t.ExternalRef,
        t.IntakeOrganisationId,
        t.CurrentOrganisationId,
        WireName.Of(t.CurrentTier),
        WireName.Of(t.Status),
        t.SubmittedAt,
        t.AcceptedAt,
        t.ResolvedAt,
        t.ClosedAt,
        t.ResponseDueAt,
        t.ResolutionDueAt,
        t.Running is { } running ? new DeadlineResponse(WireName.Of(running.Kind), running.DueAt, running.WarnAt) : null,
        t.IsOverdue(now),
        t.Warned,
        t.Supervised,
        t.AssignedMemberId,
        t.AssignedTeamId,
        t.Resolution,
        t.ResolvedOrganisationId,
        t.ResolvedTier is { } tier ? WireName.Of(tier) : null,
        t.EscalationCount,
        t.ReopenCount,
        t.Rating,
        t.RatingComment,
        t.Version,
        actions?.Select(a => WireName.Of(a)).ToList(),
        actions is not null
            ? [.. t.Timeline.OrderBy(e => e.Sequence).Select(e => new TimelineResponse(
                e.At, e.Action, e.Actor, e.OrganisationId, e.FromStatus is { } f ? WireName.Of(f) : null, WireName.Of(e.ToStatus), e.Note))]
            : null);
}
