namespace PartyGrid.Organisations.Domain;

/// <summary>
/// The place where an organisation serves residents: address, hours, the windows it runs (党务, 民政,
/// 合医, 社保, 农技 …) and who is on duty. One per organisation; closing it keeps the record.
/// </summary>
public sealed class ServiceSite
{
    private ServiceSite()
    {
    }

    public Guid OrganisationId { get; private init; }

    public string Name { get; private set; } = string.Empty;

    public string Address { get; private set; } = string.Empty;

    public string Phone { get; private set; } = string.Empty;

    public string OpeningHours { get; private set; } = string.Empty;

    public List<string> Windows { get; private set; } = [];

    public List<string> StaffOnDuty { get; private set; } = [];

    public bool Open { get; private set; }

    public long Version { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static ServiceSite For(Organisation organisation) =>
        organisation.Status == OrganisationStatus.Dissolved
            ? throw new DomainRuleException(DissolutionRule.AlreadyDissolved, "A dissolved organisation runs no service site.")
            : new ServiceSite { OrganisationId = organisation.Id };

    /// <summary>Replaces the site's details; false (and no new version) when nothing changed.</summary>
    public bool Set(ServiceSiteDetails details, DateTimeOffset now)
    {
        if (Version > 0 && details == Details)
        {
            return false;
        }

        (Name, Address, Phone, OpeningHours, Open) = (details.Name, details.Address, details.Phone, details.OpeningHours, details.Open);
        Windows = [.. details.Windows];
        StaffOnDuty = [.. details.StaffOnDuty];
        Version++;
        UpdatedAt = now;
        return true;
    }

    public ServiceSiteDetails Details => new(Name, Address, Phone, OpeningHours, [.. Windows], [.. StaffOnDuty], Open);

    public ServiceSiteChanged ToEvent(Organisation organisation) =>
        new(OrganisationId, organisation.Path, organisation.Tier, Name, Address, [.. Windows], Open, Version);
}

/// <summary>What a site manager sets; equality compares the lists by content.</summary>
public sealed record ServiceSiteDetails(
    string Name, string Address, string Phone, string OpeningHours, IReadOnlyList<string> Windows, IReadOnlyList<string> StaffOnDuty, bool Open)
{
    public bool Equals(ServiceSiteDetails? other) =>
        other is not null
        && (Name, Address, Phone, OpeningHours, Open) == (other.Name, other.Address, other.Phone, other.OpeningHours, other.Open)
        && Windows.SequenceEqual(other.Windows)
        && StaffOnDuty.SequenceEqual(other.StaffOnDuty);

    public override int GetHashCode() => HashCode.Combine(Name, Address, Phone, OpeningHours, Open, Windows.Count, StaffOnDuty.Count);
}
