namespace PartyGrid.Organisations.Domain;

/// <summary>
/// The shape of the network: a county has no parent, every other organisation sits exactly one tier
/// below its parent, and a dissolved organisation takes no new children.
/// </summary>
public static class TierRule
{
    public const string RuleName = "tier-rule";
    public const string DissolvedParentRule = "parent-dissolved";

    public static void EnsureChildFits(OrganisationTier tier, Organisation? parent)
    {
        if (parent is null)
        {
            if (tier != OrganisationTier.County)
            {
                throw new DomainRuleException(RuleName, $"Only a county has no parent; a {WireName.Of(tier)} needs one.");
            }

            return;
        }

        if (parent.Status == OrganisationStatus.Dissolved)
        {
            throw new DomainRuleException(DissolvedParentRule, "A dissolved organisation takes no new children.");
        }

        if ((int)tier != (int)parent.Tier + 1)
        {
            throw new DomainRuleException(
                RuleName,
                $"A {WireName.Of(tier)} cannot sit under a {WireName.Of(parent.Tier)}: a child is exactly one tier below its parent.");
        }
    }
}
