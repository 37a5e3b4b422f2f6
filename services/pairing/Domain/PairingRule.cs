namespace PartyGrid.Pairing.Domain;

/// <summary>
/// Who may pair with whom: an active urban organisation with an active rural village-tier one, never
/// with itself, its own ancestor or its own descendant.
/// </summary>
public static class PairingRule
{
    public static void Check(PairingSide urban, PairingSide rural)
    {
        if (urban.Status == OrganisationStatus.Dissolved || rural.Status == OrganisationStatus.Dissolved)
        {
            throw new DomainRuleException("organisation-dissolved", "A dissolved organisation takes no new pairing.");
        }

        if (urban.Area != Area.Urban)
        {
            throw new DomainRuleException("urban-side-not-urban", "The urban side must be an urban organisation (a body's, enterprise's or community's branch).");
        }

        if (rural.Area != Area.Rural || rural.Tier != OrganisationTier.Village)
        {
            throw new DomainRuleException("rural-side-not-a-village", "The rural side must be a rural village-tier organisation.");
        }

        if (OrganisationScope.Contains(urban.Path, rural.Path) || OrganisationScope.Contains(rural.Path, urban.Path))
        {
            throw new DomainRuleException("pairing-within-own-line", "An organisation cannot pair with itself, its ancestor or its descendant.");
        }
    }
}

public sealed record PairingSide(Guid Id, string Path, OrganisationTier Tier, Area Area, OrganisationStatus Status);
