using PartyGrid.ServiceDefaults.Paging;
using PartyGrid.ServiceDefaults.Persistence;

namespace PartyGrid.Members.Domain;

/// <summary>
/// A transfer of membership (组织关系转接). Steps are decided strictly in order, each by its own
/// organisation; the member's organisation changes only when the target receives. Until then the
/// sending organisation stays responsible for the member.
/// </summary>
public sealed class Transfer : IHasId
{
    public static readonly IReadOnlySet<int> AllowedValidDays = new HashSet<int> { 30, 90 };

    private Transfer()
    {
    }

    public Guid Id { get; private init; }

    public Guid MemberId { get; private init; }

    public Guid FromOrganisationId { get; private init; }

    public Guid ToOrganisationId { get; private init; }

    public string Reason { get; private init; } = string.Empty;

    public int ValidDays { get; private init; }

    /// <summary>The last day (Shanghai) on which the transfer can still proceed.</summary>
    public DateOnly ValidUntil { get; private init; }

    public TransferStatus Status { get; private set; }

    /// <summary>The organisation whose decision the transfer waits for; null once it is closed.</summary>
    public Guid? AwaitingOrganisationId { get; private set; }

    public string RequestedBy { get; private init; } = string.Empty;

    public DateTimeOffset RequestedAt { get; private init; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public string? ClosingNote { get; private set; }

    public List<TransferStep> Steps { get; private init; } = [];

    public long Version { get; private set; }

    /// <summary>Transfers still in progress; a member has at most one.</summary>
    public static readonly StatusSet<TransferStatus> Open = new(TransferStatus.Requested, TransferStatus.InApproval, TransferStatus.AwaitingReceipt);

    public bool IsOpen => Open.Contains(Status);

    public static Transfer Request(Member member, Guid toOrganisationId, IReadOnlyList<ChainStep> chain, string reason,
        int validDays, string requestedBy, DateOnly today, DateTimeOffset now)
    {
        member.EnsureActive();
        if (member.OrganisationId == toOrganisationId)
        {
            throw new DomainRuleException("same-organisation", "The member already belongs to the target organisation.");
        }

        var transfer = new Transfer
        {
            Id = Guid.CreateVersion7(now),
            MemberId = member.Id,
            FromOrganisationId = member.OrganisationId,
            ToOrganisationId = toOrganisationId,
            Reason = reason,
            ValidDays = validDays,
            ValidUntil = today.AddDays(validDays),
            Status = TransferStatus.Requested,
            RequestedBy = requestedBy,
            RequestedAt = now,
            Steps = [.. chain.Select((s, i) => new TransferStep(i + 1, s.OrganisationId, s.Kind))],
            Version = 1,
        };
        transfer.AwaitingOrganisationId = transfer.Steps[0].OrganisationId;
        return transfer;
    }

    public TransferStep? CurrentStep => Steps.Where(s => s.Decision == StepDecision.Pending).MinBy(s => s.Ordinal);

    /// <summary>The acting organisation approves its step; the last approval leaves the receipt to the target.</summary>
    public void Approve(Guid actingOrganisationId, string by, string? comment, DateOnly today, DateTimeOffset now)
    {
        var step = StepFor(actingOrganisationId, today);
        if (step.Kind == TransferStepKind.Receipt)
        {
            throw DomainRuleException.IllegalState("receipt-expected", "All approvals are given; the receiving organisation receives the transfer rather than approving it.");
        }

        step.Decide(StepDecision.Approved, by, comment, now);
        Status = CurrentStep!.Kind == TransferStepKind.Receipt ? TransferStatus.AwaitingReceipt : TransferStatus.InApproval;
        AwaitingOrganisationId = CurrentStep.OrganisationId;
        Version++;
    }

    public void Reject(Guid actingOrganisationId, string by, string reason, DateOnly today, DateTimeOffset now)
    {
        StepFor(actingOrganisationId, today).Decide(StepDecision.Rejected, by, reason, now);
        Close(TransferStatus.Rejected, reason, now);
    }

    /// <summary>The target receives the member: the transfer completes and the member moves.</summary>
    public TransferCompleted Receive(Member member, Guid actingOrganisationId, string by, DateOnly today, DateTimeOffset now)
    {
        var step = StepFor(actingOrganisationId, today);
        if (step.Kind != TransferStepKind.Receipt)
        {
            throw DomainRuleException.IllegalState("approval-pending", "The transfer still waits for approvals before it can be received.");
        }

        member.EnsureActive();
        step.Decide(StepDecision.Received, by, null, now);
        Close(TransferStatus.Completed, null, now);
        member.MoveTo(ToOrganisationId, now);
        return new TransferCompleted(Id, MemberId, FromOrganisationId, ToOrganisationId, now, Version);
    }

    /// <summary>The sending side withdraws the request; only before anyone has approved it.</summary>
    public void Cancel(string reason, DateOnly today, DateTimeOffset now)
    {
        EnsureOpen(today);
        if (Status != TransferStatus.Requested)
        {
            throw DomainRuleException.IllegalState("transfer-not-cancellable", "A transfer can be cancelled only before its first approval.");
        }

        Close(TransferStatus.Cancelled, reason, now);
    }

    /// <summary>True when the validity has run out and the transfer was closed as expired now.</summary>
    public bool ExpireIfDue(DateOnly today, DateTimeOffset now)
    {
        if (!IsOpen || today <= ValidUntil)
        {
            return false;
        }

        Close(TransferStatus.Expired, $"Not completed within {ValidDays} days.", now);
        return true;
    }

    private TransferStep StepFor(Guid actingOrganisationId, DateOnly today)
    {
        EnsureOpen(today);
        var current = CurrentStep!;
        if (current.OrganisationId == actingOrganisationId)
        {
            return current;
        }

        throw Steps.Any(s => s.OrganisationId == actingOrganisationId && s.Decision == StepDecision.Pending)
            ? DomainRuleException.IllegalState("approval-out-of-order", "An earlier organisation in the chain has not decided yet.")
            : new TransferForbiddenException();
    }

    private void EnsureOpen(DateOnly today)
    {
        if (IsOpen && today > ValidUntil)
        {
            throw DomainRuleException.IllegalState("transfer-expired", $"The transfer was valid until {ValidUntil:yyyy-MM-dd}.");
        }

        if (!IsOpen)
        {
            throw DomainRuleException.IllegalState("transfer-closed", $"The transfer is {WireName.Of(Status)}.");
        }
    }

    private void Close(TransferStatus status, string? note, DateTimeOffset now)
    {
        Status = status;
        ClosingNote = note;
        ClosedAt = now;
        AwaitingOrganisationId = null;
        Version++;
    }
}

/// <summary>The caller's organisation has no part in this transfer's chain.</summary>
public sealed class TransferForbiddenException() : Exception("The caller's organisation decides no step of this transfer.");
