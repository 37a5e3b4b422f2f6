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

    /// <summary>The one rule: admin everywhere; others see their subtree and act in it only with the role the action needs.</summary>
    [Theory]
    [InlineData("admin", null, null, "x", true)]
    [InlineData("admin", "org-admin", null, "x.y", true)]
    [InlineData("viewer", null, "a", "a.b", true)]
    [InlineData("viewer", null, "a.b", "a", false)]
    [InlineData("viewer", "org-admin", "a", "a.b", false)]
    [InlineData("org-admin", "org-admin", "a", "a.b", true)]
    [InlineData("org-admin", "org-admin", "a", "c", false)]
    [InlineData("staff", "staff", null, "a", false)]
    [InlineData("staff", "org-admin", "a", "a", false)]
    public void A_caller_sees_their_subtree_and_acts_in_it_with_the_role(string role, string? needed, string? home, string target, bool allowed)
    {
        var caller = new Caller("someone", "Someone", Guid.NewGuid(), new HashSet<string>([role], StringComparer.Ordinal));
        var action = needed is null ? OrganisationAction.See : OrganisationAction.ActAs(needed);
        Assert.Equal(allowed, OrganisationScope.Allows(caller, action, home, target));
    }

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
