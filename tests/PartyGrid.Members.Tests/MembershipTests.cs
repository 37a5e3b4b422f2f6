using PartyGrid.Contracts;
using PartyGrid.Members.Domain;
using PartyGrid.ServiceDefaults.Problems;

namespace PartyGrid.Members.Tests;

public sealed class MembershipTests
{
    private static readonly Guid Org = Guid.NewGuid(), Elsewhere = Guid.NewGuid();

    [Fact]
    public void Conversion_to_full_membership_waits_for_the_end_of_probation()
    {
        var joined = Members.Today.AddMonths(-13);
        var member = Members.In(Org, MemberStatus.Probationary, joined);
        Assert.Equal(joined.AddYears(1), member.ProbationEndsOn);

        var early = Assert.Throws<DomainRuleException>(() => member.ConvertToFull(joined.AddYears(1).AddDays(-1), Members.Today, Members.Now));
        Assert.Equal("probation-not-over", early.Rule);
        Assert.False(early.StateConflict);
        Assert.Equal("date-in-future", Assert.Throws<DomainRuleException>(() => member.ConvertToFull(Members.Today.AddDays(1), Members.Today, Members.Now)).Rule);

        var version = member.Version;
        member.ConvertToFull(joined.AddYears(1), Members.Today, Members.Now);
        Assert.Equal(MemberStatus.Full, member.Status);
        Assert.Equal(joined.AddYears(1), member.FullMembershipOn);
        Assert.Equal(version + 1, member.Version);

        var again = Assert.Throws<DomainRuleException>(() => member.ConvertToFull(Members.Today, Members.Today, Members.Now));
        Assert.Equal("not-probationary", again.Rule);
        Assert.True(again.StateConflict);
    }

    [Fact]
    public void Members_join_at_eighteen_or_older()
    {
        var birth = new DateOnly(2000, 2, 29);
        Assert.False(Probation.OldEnough(birth, new DateOnly(2018, 2, 27)));
        Assert.True(Probation.OldEnough(birth, new DateOnly(2018, 2, 28)));
    }

    [Fact]
    public void The_event_carries_no_personal_data()
    {
        var member = Members.In(Org);
        var text = System.Text.Json.JsonSerializer.Serialize(member.ToEvent());
        Assert.DoesNotContain("张三", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1381234", text, StringComparison.Ordinal);
        Assert.DoesNotContain("19800501", text, StringComparison.Ordinal);
        Assert.Contains(member.Id.ToString(), text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mobile_member_flows_out_in_and_back_and_is_prompted_after_six_months()
    {
        var member = Members.In(Org);
        var from = Members.Today.AddMonths(-6).AddDays(1);
        var flow = MemberFlow.Out(member, new FlowDestination(Elsewhere, null), "务工", from, null, "LD-001", Members.Now);
        Assert.Equal(MemberFlowStatus.FlowingOut, member.Flow);
        Assert.False(flow.PromptsTransfer(Members.Today));
        Assert.True(flow.PromptsTransfer(Members.Today.AddDays(1)));

        Assert.Equal("already-flowing", Assert.Throws<DomainRuleException>(() =>
            MemberFlow.Out(member, new FlowDestination(null, "浙江宁波"), "务工", from, null, "LD-002", Members.Now)).Rule);
        Assert.Equal("wrong-destination", Assert.Throws<DomainRuleException>(() => flow.In(member, Guid.NewGuid(), Members.Today, Members.Now)).Rule);

        flow.LoseContact(member, Members.Today, Members.Now);
        Assert.True(member.LostContact);
        flow.In(member, Elsewhere, Members.Today, Members.Now);
        Assert.Equal(MemberFlowStatus.FlowingIn, member.Flow);
        Assert.False(member.LostContact);

        flow.Return(member, Members.Today, Members.Now);
        Assert.Equal(MemberFlowStatus.None, member.Flow);
        Assert.False(flow.PromptsTransfer(Members.Today.AddYears(1)));
        Assert.Equal("flow-ended", Assert.Throws<DomainRuleException>(() => flow.Return(member, Members.Today, Members.Now)).Rule);
    }
}
