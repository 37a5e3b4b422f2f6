using PartyGrid.Contracts;
using PartyGrid.Members.Domain;
using PartyGrid.ServiceDefaults.Problems;

namespace PartyGrid.Members.Tests;

public sealed class TransferTests
{
    private static readonly Guid C = Guid.NewGuid(), T1 = Guid.NewGuid(), A = Guid.NewGuid(), B = Guid.NewGuid();

    private static (Member Member, Transfer Transfer) Requested(int validDays = 30)
    {
        var member = Members.In(A);
        var transfer = Transfer.Request(member, B, TransferChain.Between([C, T1, A], [C, T1, B]), "搬迁", validDays, "clerk", Members.Today, Members.Now);
        return (member, transfer);
    }

    [Fact]
    public void Steps_are_decided_in_order_and_the_member_moves_only_on_receipt()
    {
        var (member, transfer) = Requested();
        Assert.Equal(TransferStatus.Requested, transfer.Status);
        Assert.Equal(A, transfer.AwaitingOrganisationId);

        transfer.Approve(A, "a", null, Members.Today, Members.Now);
        Assert.Equal(TransferStatus.InApproval, transfer.Status);
        Assert.Equal(T1, transfer.AwaitingOrganisationId);

        transfer.Approve(T1, "t1", "同意", Members.Today, Members.Now);
        Assert.Equal(TransferStatus.AwaitingReceipt, transfer.Status);
        Assert.Equal(A, member.OrganisationId);

        var completed = transfer.Receive(member, B, "b", Members.Today, Members.Now);
        Assert.Equal(TransferStatus.Completed, transfer.Status);
        Assert.Null(transfer.AwaitingOrganisationId);
        Assert.Equal(B, member.OrganisationId);
        Assert.Equal(new TransferCompleted(transfer.Id, member.Id, A, B, Members.Now, transfer.Version), completed);
    }

    [Fact]
    public void A_later_organisation_cannot_decide_before_an_earlier_one()
    {
        var (_, transfer) = Requested();
        var refused = Assert.Throws<DomainRuleException>(() => transfer.Approve(T1, "t1", null, Members.Today, Members.Now));
        Assert.Equal("approval-out-of-order", refused.Rule);
        Assert.True(refused.StateConflict);
        Assert.Throws<TransferForbiddenException>(() => transfer.Approve(C, "c", null, Members.Today, Members.Now));
    }

    [Fact]
    public void The_target_receives_rather_than_approves_and_cannot_receive_early()
    {
        var (member, transfer) = Requested();
        Assert.Equal("approval-out-of-order", Assert.Throws<DomainRuleException>(() => transfer.Receive(member, B, "b", Members.Today, Members.Now)).Rule);
        transfer.Approve(A, "a", null, Members.Today, Members.Now);
        transfer.Approve(T1, "t1", null, Members.Today, Members.Now);
        Assert.Equal("receipt-expected", Assert.Throws<DomainRuleException>(() => transfer.Approve(B, "b", null, Members.Today, Members.Now)).Rule);
    }

    [Fact]
    public void A_rejection_closes_the_transfer_and_the_member_stays()
    {
        var (member, transfer) = Requested();
        transfer.Approve(A, "a", null, Members.Today, Members.Now);
        transfer.Reject(T1, "t1", "材料不全", Members.Today, Members.Now);

        Assert.Equal(TransferStatus.Rejected, transfer.Status);
        Assert.Equal("材料不全", transfer.ClosingNote);
        Assert.Equal(StepDecision.Rejected, transfer.Steps[1].Decision);
        Assert.Equal(A, member.OrganisationId);
        Assert.Equal("transfer-closed", Assert.Throws<DomainRuleException>(() => transfer.Approve(B, "b", null, Members.Today, Members.Now)).Rule);
    }

    [Fact]
    public void Cancel_only_before_the_first_approval()
    {
        var (_, open) = Requested();
        open.Cancel("填错了", Members.Today, Members.Now);
        Assert.Equal(TransferStatus.Cancelled, open.Status);

        var (_, approved) = Requested();
        approved.Approve(A, "a", null, Members.Today, Members.Now);
        Assert.Equal("transfer-not-cancellable", Assert.Throws<DomainRuleException>(() => approved.Cancel("x", Members.Today, Members.Now)).Rule);
    }

    [Fact]
    public void Validity_runs_through_its_last_day_and_then_the_transfer_expires()
    {
        var (_, transfer) = Requested(validDays: 30);
        var lastDay = Members.Today.AddDays(30);
        Assert.Equal(lastDay, transfer.ValidUntil);

        Assert.False(transfer.ExpireIfDue(lastDay, Members.Now));
        transfer.Approve(A, "a", null, lastDay, Members.Now);

        Assert.Equal("transfer-expired", Assert.Throws<DomainRuleException>(() => transfer.Approve(T1, "t1", null, lastDay.AddDays(1), Members.Now)).Rule);
        Assert.True(transfer.ExpireIfDue(lastDay.AddDays(1), Members.Now));
        Assert.Equal(TransferStatus.Expired, transfer.Status);
        Assert.False(transfer.ExpireIfDue(lastDay.AddDays(2), Members.Now));
    }

    [Fact]
    public void No_transfer_to_the_members_own_organisation_or_for_a_member_who_left()
    {
        var member = Members.In(A);
        Assert.Equal("same-organisation", Assert.Throws<DomainRuleException>(() =>
            Transfer.Request(member, A, [new ChainStep(A, TransferStepKind.Receipt)], "x", 30, "c", Members.Today, Members.Now)).Rule);

        member.Leave(Members.Today, "去世", Members.Now);
        Assert.Equal("member-left", Assert.Throws<DomainRuleException>(() =>
            Transfer.Request(member, B, TransferChain.Between([C, T1, A], [C, T1, B]), "x", 30, "c", Members.Today, Members.Now)).Rule);
    }
}
