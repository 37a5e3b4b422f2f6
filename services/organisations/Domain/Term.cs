namespace PartyGrid.Organisations.Domain;

/// <summary>
/// One elected term (换届) of an organisation's committee. Village-tier organisations (villages and
/// communities) serve five years, all others three; reminders go out six months and one month
/// before the term expires, each exactly once.
/// </summary>
public sealed class Term
{
    public const string LengthRule = "term-length";

    private Term()
    {
    }

    public Guid Id { get; private init; }

    public Guid OrganisationId { get; private init; }

    public DateOnly ElectedOn { get; private init; }

    public int Years { get; private init; }

    public DateOnly ExpiresOn { get; private init; }

    public Guid? SecretaryMemberId { get; private init; }

    public List<string> Committee { get; private init; } = [];

    /// <summary>The furthest reminder already sent: 0 none, 6 the six-month one, 1 the one-month one.</summary>
    public int LastReminderMonths { get; private set; }

    /// <summary>A later election replaced this term; it sends no more reminders.</summary>
    public bool Superseded { get; private set; }

    public long Version { get; private set; }

    public static int StatutoryYears(OrganisationTier tier) => tier == OrganisationTier.Village ? 5 : 3;

    public static Term Elect(Organisation organisation, DateOnly electedOn, int? years, Guid? secretary, IEnumerable<string> committee, DateTimeOffset now)
    {
        if (organisation.Status == OrganisationStatus.Dissolved)
        {
            throw new DomainRuleException(DissolutionRule.AlreadyDissolved, "A dissolved organisation holds no elections.");
        }

        var statutory = StatutoryYears(organisation.Tier);
        if (years is { } y && y != statutory)
        {
            throw new DomainRuleException(LengthRule, $"A {WireName.Of(organisation.Tier)} organisation's term is {statutory} years.");
        }

        return new Term
        {
            Id = Guid.CreateVersion7(now),
            OrganisationId = organisation.Id,
            ElectedOn = electedOn,
            Years = statutory,
            ExpiresOn = electedOn.AddYears(statutory),
            SecretaryMemberId = secretary,
            Committee = [.. committee],
            Version = 1,
        };
    }

    /// <summary>The reminder due on <paramref name="today"/> that has not been sent, if any (the nearer one wins).</summary>
    public int? DueReminder(DateOnly today)
    {
        if (Superseded || today >= ExpiresOn)
        {
            return null;
        }

        if (today >= ExpiresOn.AddMonths(-1))
        {
            return LastReminderMonths == 1 ? null : 1;
        }

        if (today >= ExpiresOn.AddMonths(-6))
        {
            return LastReminderMonths is 6 or 1 ? null : 6;
        }

        return null;
    }

    public void Supersede()
    {
        Superseded = true;
        Version++;
    }

    public TermExpiring Remind(int monthsLeft)
    {
        LastReminderMonths = monthsLeft;
        Version++;
        return new TermExpiring(Id, OrganisationId, ElectedOn, ExpiresOn, monthsLeft, Version);
    }
}
