using PartyGrid.Contracts;
using PartyGrid.Organisations.Domain;
using Xunit;
using PartyGrid.ServiceDefaults.Problems;

namespace PartyGrid.Organisations.Tests;

public sealed class MoveAndDissolveTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(8));

    private static Organisation Register(string code, OrganisationTier tier, Organisation? parent) =>
        Organisation.Register(code, code, tier, Area.Rural, OrganisationKind.Committee, parent, Now);

    [Fact]
    public void A_move_rebases_the_path_and_counts_a_version()
    {
        var a = Register("A", OrganisationTier.County, null);
        var b = Register("B", OrganisationTier.County, null);
        var township = Register("T", OrganisationTier.Township, a);
        var village = Register("V", OrganisationTier.Village, township);
        var oldPath = township.Path;

        township.MoveUnder(b, Now);
        village.Rebase(oldPath, township.Path, Now);

        Assert.Equal(b.Id, township.ParentId);
        Assert.Equal($"{b.Path}.{township.Id:N}", township.Path);
        Assert.Equal($"{b.Path}.{township.Id:N}.{village.Id:N}", village.Path);
        Assert.Equal((2L, 2L), (township.Version, village.Version));
    }

    [Fact]
    public void Nothing_moves_under_itself_its_descendants_its_current_parent_or_the_wrong_tier()
    {
        var a = Register("A", OrganisationTier.County, null);
        var township = Register("T", OrganisationTier.Township, a);
        var village = Register("V", OrganisationTier.Village, township);
        var otherTownship = Register("T2", OrganisationTier.Township, a);

        Assert.Equal(MoveRule.IntoOwnSubtree, Assert.Throws<DomainRuleException>(() => township.MoveUnder(village, Now)).Rule);
        Assert.Equal(MoveRule.IntoOwnSubtree, Assert.Throws<DomainRuleException>(() => township.MoveUnder(township, Now)).Rule);
        Assert.Equal(MoveRule.SameParent, Assert.Throws<DomainRuleException>(() => township.MoveUnder(a, Now)).Rule);
        Assert.Equal(TierRule.RuleName, Assert.Throws<DomainRuleException>(() => village.MoveUnder(a, Now)).Rule);
        Assert.Equal(1, township.Version);

        village.MoveUnder(otherTownship, Now);
        Assert.Equal(otherTownship.Id, village.ParentId);
    }

    [Fact]
    public void Dissolving_needs_no_active_children_and_a_merge_target_of_the_same_tier()
    {
        var a = Register("A", OrganisationTier.County, null);
        var township = Register("T", OrganisationTier.Township, a);
        var other = Register("T2", OrganisationTier.Township, a);

        Assert.Equal(DissolutionRule.HasActiveChildren, Assert.Throws<DomainRuleException>(() => township.Dissolve("merged", null, true, Now)).Rule);
        Assert.Equal(DissolutionRule.MergeTarget, Assert.Throws<DomainRuleException>(() => township.Dissolve("merged", a, false, Now)).Rule);
        Assert.Equal(DissolutionRule.MergeTarget, Assert.Throws<DomainRuleException>(() => township.Dissolve("merged", township, false, Now)).Rule);

        township.Dissolve("撤并", other, false, Now);
        var changed = township.ToEvent();
        Assert.Equal((OrganisationStatus.Dissolved, other.Id, 2L), (changed.Status, changed.MergedIntoId, changed.Version));
        Assert.Equal(DissolutionRule.AlreadyDissolved, Assert.Throws<DomainRuleException>(() => township.Dissolve("again", null, false, Now)).Rule);
        Assert.Equal(TierRule.DissolvedParentRule, Assert.Throws<DomainRuleException>(() =>
            Register("V", OrganisationTier.Village, township)).Rule);
    }
}
