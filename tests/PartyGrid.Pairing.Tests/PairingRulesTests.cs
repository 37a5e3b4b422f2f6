using PartyGrid.Contracts;
using PartyGrid.Pairing.Domain;
using PartyGrid.ServiceDefaults.Problems;

namespace PartyGrid.Pairing.Tests;

public sealed class PairingRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Start = new(2026, 3, 1), End = new(2026, 12, 31);

    private static readonly PairingSide County = new(Guid.NewGuid(), "c", OrganisationTier.County, Area.Rural, OrganisationStatus.Active);
    private static readonly PairingSide Street = new(Guid.NewGuid(), "c.s", OrganisationTier.Township, Area.Urban, OrganisationStatus.Active);
    private static readonly PairingSide Community = new(Guid.NewGuid(), "c.s.u", OrganisationTier.Village, Area.Urban, OrganisationStatus.Active);
    private static readonly PairingSide Village = new(Guid.NewGuid(), "c.t.v", OrganisationTier.Village, Area.Rural, OrganisationStatus.Active);
    private static readonly PairingSide Township = new(Guid.NewGuid(), "c.t", OrganisationTier.Township, Area.Rural, OrganisationStatus.Active);

    private static Domain.Pairing Propose(PairingSide urban, PairingSide rural, PairingSides by = PairingSides.Urban) => Domain.Pairing.Propose(urban, rural, by, Start, End,
    [
        new CommitmentTerms(CommitmentKind.Funds, "产业帮扶资金", 50_000m, "元", new DateOnly(2026, 6, 30)),
        new CommitmentTerms(CommitmentKind.Visit, "走访慰问", 4m, "次", new DateOnly(2026, 12, 31)),
    ], Now);

    [Fact]
    public void An_urban_community_pairs_with_a_rural_village()
    {
        var pairing = Propose(Community, Village);
        Assert.Equal(PairingStatus.Proposed, pairing.Status);
        Assert.Equal(2, pairing.Commitments.Count);
    }

    [Theory]
    [InlineData("rural-as-urban", "urban-side-not-urban")]
    [InlineData("township-as-rural", "rural-side-not-a-village")]
    [InlineData("urban-as-rural", "rural-side-not-a-village")]
    [InlineData("own-descendant", "pairing-within-own-line")]
    [InlineData("dissolved", "organisation-dissolved")]
    public void Pairs_outside_the_rules_are_refused(string case_, string rule)
    {
        var refused = Assert.Throws<DomainRuleException>(() => case_ switch
        {
            "rural-as-urban" => Propose(Village, Village),
            "township-as-rural" => Propose(Community, Township),
            "urban-as-rural" => Propose(Street, Community),
            "own-descendant" => Propose(Street with { Path = "c.t" }, Village),
            "dissolved" => Propose(Community, Village with { Status = OrganisationStatus.Dissolved }),
            _ => throw new ArgumentException(case_),
        });
        Assert.Equal(rule, refused.Rule);
        Assert.False(refused.StateConflict);
    }

    [Fact]
    public void Activities_fulfil_commitments_and_progress_is_their_mean_with_overdue_ones_flagged()
    {
        var pairing = Propose(Community, Village);
        Assert.Equal("record-activity-not-allowed", Assert.Throws<DomainRuleException>(() =>
            pairing.Record(new ActivityReport(CommitmentKind.Visit, Start, 5, null, "走访", null, null), "a", Now)).Rule);
        pairing.Activate(Now);

        var funds = pairing.Commitments[0];
        var visits = pairing.Commitments[1];
        pairing.Record(new ActivityReport(CommitmentKind.Funds, new DateOnly(2026, 4, 1), 3, 20_000m, "拨付产业资金", funds.Id, null), "a", Now);
        pairing.Record(new ActivityReport(CommitmentKind.Visit, new DateOnly(2026, 4, 2), 6, null, "入户走访", visits.Id, null), "a", Now);
        var unlinked = pairing.Record(new ActivityReport(CommitmentKind.JointMeeting, new DateOnly(2026, 4, 3), 20, null, "联合主题党日", null, null), "a", Now);

        Assert.Null(unlinked.Amount);
        Assert.Equal(20_000m, funds.Achieved);
        Assert.Equal(0.4m, funds.Progress);
        Assert.Equal(0.25m, visits.Progress);
        Assert.Equal(0.325m, pairing.OverallProgress);

        var july = pairing.ToEvent(new DateOnly(2026, 7, 1));
        Assert.Equal(1, july.OverdueCommitments);
        Assert.True(july.Commitments[0].Overdue);
        Assert.False(july.Commitments[1].Overdue);

        pairing.Record(new ActivityReport(CommitmentKind.Funds, new DateOnly(2026, 6, 1), 2, 40_000m, "第二笔资金", funds.Id, null), "a", Now);
        Assert.Equal(1m, funds.Progress);
        Assert.Equal(0, pairing.ToEvent(new DateOnly(2026, 7, 1)).OverdueCommitments);
        Assert.Equal("unknown-commitment", Assert.Throws<DomainRuleException>(() =>
            pairing.Record(new ActivityReport(CommitmentKind.Visit, Start, 1, null, "x", Guid.NewGuid(), null), "a", Now)).Rule);
    }

    [Fact]
    public void Ending_after_the_term_completes_and_before_it_ends_early()
    {
        var early = Propose(Community, Village);
        early.Activate(Now);
        early.End("村庄合并", new DateOnly(2026, 8, 1), Now);
        Assert.Equal(PairingStatus.EndedEarly, early.Status);

        var done = Propose(Community, Village);
        done.Activate(Now);
        done.End("期满", End, Now);
        Assert.Equal(PairingStatus.Completed, done.Status);
        Assert.Equal("end-not-allowed", Assert.Throws<DomainRuleException>(() => done.End("again", End, Now)).Rule);
        Assert.Equal("activate-not-allowed", Assert.Throws<DomainRuleException>(() => done.Activate(Now)).Rule);
    }

    [Theory]
    [InlineData(PairingSides.Urban, PairingSides.Urban, false)]
    [InlineData(PairingSides.Urban, PairingSides.Rural, true)]
    [InlineData(PairingSides.Rural, PairingSides.Rural, false)]
    [InlineData(PairingSides.Rural, PairingSides.Urban, true)]
    [InlineData(PairingSides.Urban, PairingSides.Both, true)]
    [InlineData(PairingSides.Both, PairingSides.Rural, true)]
    [InlineData(PairingSides.Urban, PairingSides.None, false)]
    public void Only_the_side_that_did_not_propose_starts_a_pairing(PairingSides proposedBy, PairingSides activatedBy, bool allowed) =>
        Assert.Equal(allowed, Propose(Community, Village, proposedBy).MayBeActivatedBy(activatedBy));
}
