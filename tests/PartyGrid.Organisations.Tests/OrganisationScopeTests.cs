using PartyGrid.Contracts;
using PartyGrid.ServiceDefaults.Identity;
using Xunit;

namespace PartyGrid.Organisations.Tests;

public sealed class OrganisationScopeTests
{
    [Theory]
    [InlineData("a", "a", true)]
    [InlineData("a", "a.b", true)]
    [InlineData("a", "a.b.c", true)]
    [InlineData("a.b", "a", false)]
    [InlineData("a.b", "a.c", false)]
    [InlineData("ab", "abc", false)]
    [InlineData("ab", "ab2.c", false)]
    public void A_subtree_holds_its_root_and_descendants_only(string home, string target, bool inside) =>
        Assert.Equal(inside, OrganisationScope.Contains(home, target));

    [Theory]
    [InlineData(OrganisationKind.GeneralBranch, "general-branch")]
    [InlineData(OrganisationKind.Committee, "committee")]
    [InlineData(OrganisationTier.Township, "township")]
    public void Enums_travel_as_kebab_case_names<T>(T value, string name)
        where T : struct, Enum
    {
        Assert.Equal(name, WireName.Of(value));
        Assert.True(WireName.TryParse<T>(name, out var parsed));
        Assert.Equal(value, parsed);
    }

    [Theory]
    [InlineData("GeneralBranch")]
    [InlineData("2")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_but_the_wire_name_is_refused(string? text) =>
        Assert.False(WireName.TryParse<OrganisationKind>(text, out _));
}
