using PartyGrid.ServiceDefaults.Paging;
using PartyGrid.ServiceDefaults.PersonalData;
using PartyGrid.Tickets.Catalogue;

namespace PartyGrid.Tickets.Domain;

/// <summary>
/// A resident's matter (服务工单), settled as close to home as possible: worked at the site that holds
/// it, escalated one tier up when beyond it or overdue, supervised (督办) at the county, never pushed
/// out. Every change leaves a timeline entry and raises <see cref="TicketChanged"/>.
/// </summary>
public sealed partial class Ticket : IHasId
{

    private Ticket()
    {
    }

    public Guid Id { get; private init; }

    public string Number { get; private init; } = string.Empty;

    public TicketCategory Category { get; private init; }

    public string Item { get; private init; } = string.Empty;

    public string Title { get; private init; } = string.Empty;

    public string Description { get; private init; } = string.Empty;

    public Dictionary<string, string> Attributes { get; private init; } = [];

    public string RequesterName { get; private init; } = string.Empty;

    public byte[] RequesterPhoneCipher { get; private init; } = [];

    public byte[] RequesterPhoneLookup { get; private init; } = [];

    public string? RequesterAddress { get; private init; }

    public TicketChannel Channel { get; private init; }

    public TicketPriority Priority { get; private init; }

    public string? ExternalRef { get; private init; }

    /// <summary>Who submitted it (a partner's subject makes <see cref="ExternalRef"/> unique per partner).</summary>
    public string SubmittedBy { get; private init; } = string.Empty;

    public TicketDeadlines Deadlines { get; private init; } = null!;

    public Guid IntakeOrganisationId { get; private init; }

    public OrganisationTier IntakeTier { get; private init; }

    public Guid CurrentOrganisationId { get; private set; }

    public OrganisationTier CurrentTier { get; private set; }

    public TicketStatus Status { get; private set; }

    public TicketStatus? StatusBeforeSuspension { get; private set; }

    public DateTimeOffset SubmittedAt { get; private init; }

    public DateTimeOffset? AcceptedAt { get; private set; }

    /// <summary>
    /// The site that took the ticket in answered it (accepted or settled it) within its first response
    /// deadline; escalation resets <see cref="ResponseDueAt"/>, so the verdict is kept when it is made.
    /// </summary>
    public bool RespondedOnTime { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public DateTimeOffset ResponseDueAt { get; private set; }

    public DateTimeOffset ResolutionDueAt { get; private set; }

    public DateTimeOffset ResponseWarnAt { get; private set; }

    public DateTimeOffset ResolutionWarnAt { get; private set; }

    /// <summary>Set when 80 % of the current deadline is used; cleared when a new deadline starts.</summary>
    public bool Warned { get; private set; }

    public DateTimeOffset? SuspendedAt { get; private set; }

    public DateTimeOffset? AutoCloseAt { get; private set; }

    public Guid? AssignedMemberId { get; private set; }

    /// <summary>A service team (党员服务队) handed the ticket instead of one member; never both.</summary>
    public Guid? AssignedTeamId { get; private set; }

    public string? Resolution { get; private set; }

    public Guid? ResolvedOrganisationId { get; private set; }

    public OrganisationTier? ResolvedTier { get; private set; }

    /// <summary>When the ticket was first resolved; kept through reopenings, because that resolution was counted.</summary>
    public DateTimeOffset? FirstResolvedAt { get; private set; }

    public Guid? FirstResolvedOrganisationId { get; private set; }

    public OrganisationTier? FirstResolvedTier { get; private set; }

    /// <summary>The resolution deadline in force at the first resolution: what on-time resolution is judged against.</summary>
    public DateTimeOffset? FirstResolutionDueAt { get; private set; }

    /// <summary>Every rating given, in order: a bad one stays here after rectification and a re-rating.</summary>
    public List<TicketRating> Ratings { get; private set; } = [];

    /// <summary>Every reopening, in order, with its deadline and when its work was resolved.</summary>
    public List<TicketReopening> Reopenings { get; private set; } = [];

    /// <summary>Taken over from a previous system's register (台账) with its original times.</summary>
    public bool Imported { get; private set; }

    public int EscalationCount { get; private set; }

    public int ReopenCount { get; private set; }

    public int? Rating { get; private set; }

    public string? RatingComment { get; private set; }

    public bool Supervised { get; private set; }

    public long Version { get; private set; }

    public List<TimelineEntry> Timeline { get; private init; } = [];

    public List<TicketHandler> Handlers { get; private init; } = [];

    public bool IsOpen => Status is not (TicketStatus.Resolved or TicketStatus.Closed or TicketStatus.Cancelled);

    /// <remarks><paramref name="id"/> is chosen first because the protected phone is bound to it.</remarks>
    public static Ticket Submit(
        Guid id, TicketIntake intake, ProtectedValue phone, ServiceItem item, TicketClock clock, string number, Actor actor, DateTimeOffset now)
    {
        var ticket = new Ticket
        {
            Id = id,
            Number = number,
            Category = intake.Category,
            Item = item.Code,
            Title = intake.Title,
            Description = intake.Description,
            Attributes = new Dictionary<string, string>(intake.Attributes),
            RequesterName = intake.RequesterName,
            RequesterPhoneCipher = phone.Cipher,
            RequesterPhoneLookup = phone.Lookup,
            RequesterAddress = intake.RequesterAddress,
            Channel = intake.Channel,
            Priority = intake.Priority,
            ExternalRef = intake.ExternalRef,
            SubmittedBy = actor.Subject,
            // A copy: EF keeps an owned value per ticket, and an import adds many tickets of one item at once.
            Deadlines = item.Deadlines with { },
            IntakeOrganisationId = intake.IntakeOrganisation.Id,
            IntakeTier = intake.IntakeOrganisation.Tier,
            CurrentOrganisationId = intake.HandlingOrganisation.Id,
            CurrentTier = intake.HandlingOrganisation.Tier,
            Status = TicketStatus.Submitted,
            SubmittedAt = now,
            Version = 1,
        };
        ticket.StartDeadlines(clock, now);
        ticket.Handlers.Add(new TicketHandler(ticket.Id, ticket.IntakeOrganisationId));
        if (ticket.CurrentOrganisationId != ticket.IntakeOrganisationId)
        {
            ticket.Handlers.Add(new TicketHandler(ticket.Id, ticket.CurrentOrganisationId));
        }

        ticket.Record("submitted", actor, null, now, intake.Description.Length > 200 ? intake.Description[..200] : intake.Description);
        return ticket;
    }

    public void Accept(Actor actor, DateTimeOffset now)
    {
        Require(TicketAction.Accept);
        MarkFirstResponse(now);
        Move(TicketStatus.Accepted, "accepted", actor, now, null);
    }

    public void Assign(Guid memberId, Actor actor, DateTimeOffset now)
    {
        Require(TicketAction.Assign);
        AssignedMemberId = memberId;
        AssignedTeamId = null;
        Move(TicketStatus.InProgress, "assigned", actor, now, $"member {memberId}");
    }

    public void AssignToTeam(Guid teamId, Actor actor, DateTimeOffset now)
    {
        Require(TicketAction.Assign);
        AssignedTeamId = teamId;
        AssignedMemberId = null;
        Move(TicketStatus.InProgress, "assigned", actor, now, $"service team {teamId}");
    }

    public void Suspend(string reason, Actor actor, DateTimeOffset now)
    {
        Require(TicketAction.Suspend);
        StatusBeforeSuspension = Status;
        SuspendedAt = now;
        Move(TicketStatus.Suspended, "suspended", actor, now, reason);
    }

    /// <summary>The clock restarts where it stopped: deadlines move on by the working time suspended.</summary>
    public void Resume(TicketClock clock, Actor actor, DateTimeOffset now)
    {
        Require(TicketAction.Resume);
        var from = SuspendedAt!.Value;
        ResponseDueAt = clock.Shift(ResponseDueAt, from, now);
        ResolutionDueAt = clock.Shift(ResolutionDueAt, from, now);
        ResponseWarnAt = clock.Shift(ResponseWarnAt, from, now);
        ResolutionWarnAt = clock.Shift(ResolutionWarnAt, from, now);
        SuspendedAt = null;
        var back = StatusBeforeSuspension!.Value;
        StatusBeforeSuspension = null;
        Move(back, "resumed", actor, now, null);
    }

    /// <summary>Resolved where it now is; on the spot when it was never accepted.</summary>
    public void Resolve(string resolution, TicketClock clock, int autoCloseWorkingDays, Actor actor, DateTimeOffset now)
    {
        Require(TicketAction.Resolve);
        MarkFirstResponse(now);
        ResolvedAt = now;
        Resolution = resolution;
        ResolvedOrganisationId = CurrentOrganisationId;
        ResolvedTier = CurrentTier;
        if (FirstResolvedAt is null)
        {
            (FirstResolvedAt, FirstResolvedOrganisationId, FirstResolvedTier, FirstResolutionDueAt) = (now, CurrentOrganisationId, CurrentTier, ResolutionDueAt);
        }

        if (Reopenings is [.., { RectifiedAt: null } open])
        {
            Reopenings = [.. Reopenings[..^1], open with { RectifiedAt = now }];
        }

        AutoCloseAt = clock.Calendar.AddWorkingDays(now, autoCloseWorkingDays);
        IssueRatingLink();
        Move(TicketStatus.Resolved, "resolved", actor, now, resolution);
    }

    public void Close(Actor actor, DateTimeOffset now, string action = "closed")
    {
        Require(TicketAction.Close);
        ClosedAt = now;
        AutoCloseAt = null;
        Move(TicketStatus.Closed, action, actor, now, null);
    }

    public void Cancel(string reason, Actor actor, DateTimeOffset now)
    {
        Require(TicketAction.Cancel);
        ClosedAt = now;
        Move(TicketStatus.Cancelled, "cancelled", actor, now, reason);
    }

    public void Comment(string text, Actor actor, DateTimeOffset now) => Record("commented", actor, Status, now, text);

    /// <summary>
    /// The deadline the ticket runs against now: the response deadline until a site answers, then the
    /// resolution deadline; none once settled or while suspended (the clock stands still).
    /// </summary>
    public RunningDeadline? Running => Status is TicketStatus.Suspended || !IsOpen ? null
        : Status == TicketStatus.Submitted ? new RunningDeadline(DeadlineKind.Response, ResponseDueAt, ResponseWarnAt)
        : new RunningDeadline(DeadlineKind.Resolution, ResolutionDueAt, ResolutionWarnAt);

    /// <summary>Flags a ticket whose current deadline is 80 % used; once per deadline.</summary>
    public bool WarnIfDue(DateTimeOffset now)
    {
        if (Warned || Running is not { } running || now < running.WarnAt)
        {
            return false;
        }

        Warned = true;
        Version++;
        return true;
    }

    private void MarkFirstResponse(DateTimeOffset now)
    {
        if (AcceptedAt is not null)
        {
            return;
        }

        AcceptedAt = now;
        RespondedOnTime = EscalationCount == 0 && ReopenCount == 0 && now <= ResponseDueAt;
    }

    private void StartDeadlines(TicketClock clock, DateTimeOffset now)
    {
        var deadlines = clock.Start(now, CurrentTier);
        ResponseDueAt = deadlines.ResponseDueAt;
        ResolutionDueAt = deadlines.ResolutionDueAt;
        ResponseWarnAt = deadlines.ResponseWarnAt;
        ResolutionWarnAt = deadlines.ResolutionWarnAt;
        Warned = false;
    }

    private void Require(TicketAction action)
    {
        if (!action.Allows(Status))
        {
            var name = WireName.Of(action);
            throw DomainRuleException.IllegalState(
                $"{name}-not-allowed",
                $"'{name}' is not allowed on a {WireName.Of(Status)} ticket; it needs one that is {string.Join(" or ", TicketActions.StatusesFor(action).Select(WireName.Of))}.");
        }
    }

    private void Move(TicketStatus to, string action, Actor actor, DateTimeOffset now, string? note)
    {
        var from = Status;
        Status = to;
        Record(action, actor, from, now, note);
    }

    private void Record(string action, Actor actor, TicketStatus? from, DateTimeOffset now, string? note)
    {
        Timeline.Add(new TimelineEntry
        {
            Id = Guid.CreateVersion7(now),
            TicketId = Id,
            At = now,
            Action = action,
            Actor = actor.Subject,
            OrganisationId = CurrentOrganisationId,
            FromStatus = from,
            ToStatus = Status,
            Note = note,
        });
        Version++;
    }
}

/// <summary>What intake validated: the organisation that took the matter in and the one that works it.</summary>
public sealed record TicketIntake(
    TicketCategory Category,
    string Title,
    string Description,
    IReadOnlyDictionary<string, string> Attributes,
    string RequesterName,
    string? RequesterAddress,
    TicketChannel Channel,
    TicketPriority Priority,
    string? ExternalRef,
    OrganisationAt IntakeOrganisation,
    OrganisationAt HandlingOrganisation)
{
    /// <summary>Attributes a ticket may carry: the catalogue's items need a handful.</summary>
    public const int MaxAttributes = 20;
}

public sealed record OrganisationAt(Guid Id, OrganisationTier Tier);
