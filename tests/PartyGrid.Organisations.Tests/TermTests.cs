using PartyGrid.Contracts;
using PartyGrid.Organisations.Domain;
using Xunit;
using PartyGrid.ServiceDefaults.Problems;

namespace PartyGrid.Organisations.Tests;

public sealed class TermTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(8));

    private static Organisation Village()
    {
        var county = Organisation.Register("C", "县", OrganisationTier.County, Area.Rural, OrganisationKind.Committee, null, Now);
        var township = Organisation.Register("T", "镇", OrganisationTier.Township, Area.Rural, OrganisationKind.Committee, county, Now);
        return Organisation.Register("V", "村", OrganisationTier.Village, Area.Rural, OrganisationKind.Branch, township, Now);
    }

    [Fact]
    public void Villages_serve_five_years_and_other_tiers_three()
    {
        var village = Term.Elect(Village(), new DateOnly(2021, 3, 15), null, null, ["书记"], Now);
        Assert.Equal((5, new DateOnly(2026, 3, 15)), (village.Years, village.ExpiresOn));

        var county = Organisation.Register("C2", "县", OrganisationTier.County, Area.Rural, OrganisationKind.Committee, null, Now);
        Assert.Equal(new DateOnly(2024, 3, 15), Term.Elect(county, new DateOnly(2021, 3, 15), 3, null, [], Now).ExpiresOn);

        var ex = Assert.Throws<DomainRuleException>(() => Term.Elect(county, new DateOnly(2021, 3, 15), 5, null, [], Now));
        Assert.Equal(Term.LengthRule, ex.Rule);
    }

    [Fact]
    public void Reminders_come_six_months_and_one_month_before_expiry_once_each()
    {
        var term = Term.Elect(Village(), new DateOnly(2022, 7, 1), null, null, [], Now);   // expires 2027-07-01

        Assert.Null(term.DueReminder(new DateOnly(2026, 12, 31)));
        Assert.Equal(6, term.DueReminder(new DateOnly(2027, 1, 1)));
        var six = term.Remind(6);
        Assert.Equal((6, new DateOnly(2027, 7, 1)), (six.MonthsLeft, six.ExpiresOn));
        Assert.Null(term.DueReminder(new DateOnly(2027, 1, 2)));
        Assert.Null(term.DueReminder(new DateOnly(2027, 5, 31)));

        Assert.Equal(1, term.DueReminder(new DateOnly(2027, 6, 1)));
        term.Remind(1);
        Assert.Null(term.DueReminder(new DateOnly(2027, 6, 2)));
        Assert.Null(term.DueReminder(new DateOnly(2027, 7, 1)));
    }

    [Fact]
    public void A_term_first_seen_in_its_last_month_gets_only_the_one_month_reminder_and_a_superseded_one_none()
    {
        var late = Term.Elect(Village(), new DateOnly(2022, 7, 1), null, null, [], Now);
        Assert.Equal(1, late.DueReminder(new DateOnly(2027, 6, 20)));

        var replaced = Term.Elect(Village(), new DateOnly(2022, 7, 1), null, null, [], Now);
        replaced.Supersede();
        Assert.Null(replaced.DueReminder(new DateOnly(2027, 1, 5)));
    }
}
