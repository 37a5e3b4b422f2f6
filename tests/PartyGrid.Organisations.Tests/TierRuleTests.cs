using PartyGrid.Contracts;
using PartyGrid.Organisations.Domain;
using Xunit;
using PartyGrid.ServiceDefaults.Problems;

namespace PartyGrid.Organisations.Tests;

public sealed class TierRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(8));

    private static Organisation County() =>
        Organisation.Register("520321", "遵义县", OrganisationTier.County, Area.Rural, OrganisationKind.Committee, null, Now);

    [Fact]
    public void A_county_has_no_parent_and_its_path_is_its_own_label()
    {
        var county = County();
        Assert.Null(county.ParentId);
        Assert.Equal(county.Id.ToString("N"), county.Path);
        Assert.Equal(1, county.Version);
        Assert.Equal(7, county.Id.Version);
    }

    [Theory]
    [InlineData(OrganisationTier.Township)]
    [InlineData(OrganisationTier.Village)]
    [InlineData(OrganisationTier.Group)]
    public void Only_a_county_may_stand_without_a_parent(OrganisationTier tier)
    {
        var ex = Assert.Throws<DomainRuleException>(() =>
            Organisation.Register("x", "x", tier, Area.Rural, OrganisationKind.Branch, null, Now));
        Assert.Equal(TierRule.RuleName, ex.Rule);
    }

    [Fact]
    public void A_child_sits_exactly_one_tier_below_and_extends_the_parent_path()
    {
        var county = County();
        var township = Organisation.Register("5203211", "龙坑镇", OrganisationTier.Township, Area.Rural, OrganisationKind.Committee, county, Now);
        var village = Organisation.Register("52032111", "新民村", OrganisationTier.Village, Area.Rural, OrganisationKind.Branch, township, Now);

        Assert.Equal(county.Id, township.ParentId);
        Assert.Equal($"{county.Path}.{township.Id:N}.{village.Id:N}", village.Path);
    }

    [Theory]
    [InlineData(OrganisationTier.County)]
    [InlineData(OrganisationTier.Village)]
    [InlineData(OrganisationTier.Group)]
    public void A_child_at_any_other_tier_is_refused(OrganisationTier tier)
    {
        var ex = Assert.Throws<DomainRuleException>(() =>
            Organisation.Register("y", "y", tier, Area.Rural, OrganisationKind.Branch, County(), Now));
        Assert.Equal(TierRule.RuleName, ex.Rule);
    }

    [Fact]
    public void Amending_bumps_the_version_only_when_something_changes()
    {
        var county = County();
        Assert.False(county.Amend("遵义县", OrganisationKind.Committee, Now));
        Assert.Equal(1, county.Version);

        Assert.True(county.Amend("播州区", null, Now.AddDays(1)));
        Assert.Equal(2, county.Version);
        var changed = county.ToEvent();
        Assert.Equal(("播州区", 2L), (changed.Name, changed.Version));
    }
}
