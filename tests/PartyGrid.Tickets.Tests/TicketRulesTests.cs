using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using PartyGrid.Contracts;
using PartyGrid.ServiceDefaults.PersonalData;
using PartyGrid.ServiceDefaults.Problems;
using PartyGrid.Tickets.Calendar;
using PartyGrid.Tickets.Catalogue;
using PartyGrid.Tickets.Domain;

namespace PartyGrid.Tickets.Tests;

public sealed class TicketRulesTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Of(NationalHolidays.Of2026());

    private static readonly ServiceItem Item = DefaultCatalogue.Create().Find(TicketCategory.Dispute, "neighbour-dispute")!;

    private static readonly PersonalDataProtector Protector = new(Options.Create(new PersonalDataOptions
    {
        EncryptionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        LookupKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    }));

    private static readonly Actor Clerk = new("clerk");

    // Monday 21 September 2026, 09:00 in Shanghai: the National Day week lies ahead.
    private static readonly DateTimeOffset Monday = new(2026, 9, 21, 9, 0, 0, TimeSpan.FromHours(8));

    private static (Ticket Ticket, TicketClock Clock) New(TicketPriority priority = TicketPriority.Normal)
    {
        var clock = new TicketClock(Calendar, Item.Deadlines, priority);
        var village = new OrganisationAt(Guid.NewGuid(), OrganisationTier.Village);
        var id = Guid.CreateVersion7(Monday);
        var ticket = Ticket.Submit(
            id,
            new TicketIntake(TicketCategory.Dispute, "宅基地边界", "两户因宅基地边界发生争执", new Dictionary<string, string>(), "王某", null,
                TicketChannel.WalkIn, priority, null, village, village),
            Protector.Protect(PersonalField.Phone, id, "13800001111"), Item, clock, "PG-2026-000001", Clerk, Monday);
        return (ticket, clock);
    }

    [Fact]
    public void Deadlines_count_working_days_of_the_tier_and_urgent_counts_hours()
    {
        var (ticket, _) = New();
        Assert.Equal(Monday.AddDays(1), ticket.ResponseDueAt);

        // 5 working days from Mon 21 Sep: 22, 23, 24 Sep, then 25–27 off (中秋), 28, 29 → Tue 29 Sep 09:00... counted: 21→22 (1), 23 (2), 24 (3), 28 (4), 29 (5).
        Assert.Equal(new DateTimeOffset(2026, 9, 29, 9, 0, 0, TimeSpan.FromHours(8)), ticket.ResolutionDueAt);

        var (urgent, _) = New(TicketPriority.Urgent);
        Assert.Equal(Monday.AddHours(Item.Deadlines.UrgentResponseHours), urgent.ResponseDueAt);
        Assert.Equal(Monday.AddHours(Item.Deadlines.UrgentResolutionHours), urgent.ResolutionDueAt);
    }

    [Fact]
    public void Suspension_stops_the_clock_and_resume_moves_the_deadlines_by_the_working_time_lost()
    {
        var (ticket, clock) = New();
        ticket.Accept(Clerk, Monday.AddHours(1));
        var due = ticket.ResolutionDueAt;

        // Suspended Thursday 24 Sep 09:00 to Monday 28 Sep 09:00: 15 h of Thursday and 9 h of Monday were working time (25–27 off).
        ticket.Suspend("等待当事人补充材料", Clerk, Monday.AddDays(3));
        ticket.Resume(clock, Clerk, Monday.AddDays(7));

        Assert.Equal(TicketStatus.Accepted, ticket.Status);
        Assert.Equal(clock.Calendar.AddWorkingDays(due, 1), ticket.ResolutionDueAt);
        Assert.Equal(new DateTimeOffset(2026, 9, 30, 9, 0, 0, TimeSpan.FromHours(8)), ticket.ResolutionDueAt);
    }

    [Fact]
    public void Warnings_come_at_eighty_percent_of_the_working_time_once()
    {
        var (ticket, _) = New();
        ticket.Accept(Clerk, Monday.AddHours(1));
        var warnAt = ticket.ResolutionWarnAt;
        Assert.Equal(TimeSpan.FromHours(96), Calendar.Between(Monday, warnAt));
        Assert.False(ticket.WarnIfDue(warnAt.AddSeconds(-1)));
        Assert.True(ticket.WarnIfDue(warnAt));
        Assert.False(ticket.WarnIfDue(warnAt.AddHours(1)));
    }

    public static TheoryData<string, string> IllegalMoves => new()
    {
        { "resolved", "accept" },
        { "resolved", "suspend" },
        { "closed", "resolve" },
        { "closed", "cancel" },
        { "submitted", "rate" },
        { "submitted", "close" },
        { "submitted", "reopen" },
        { "suspended", "resolve" },
        { "suspended", "escalate" },
        { "cancelled", "resume" },
        { "accepted", "accept" },
    };

    [Theory]
    [MemberData(nameof(IllegalMoves))]
    public void Illegal_transitions_are_refused_as_conflicts_naming_the_action(string state, string action)
    {
        var (ticket, clock) = New();
        var now = Monday.AddHours(1);
        switch (state)
        {
            case "accepted": ticket.Accept(Clerk, now); break;
            case "suspended": ticket.Suspend("x", Clerk, now); break;
            case "resolved": ticket.Resolve("done", clock, 5, Clerk, now); break;
            case "closed": ticket.Resolve("done", clock, 5, Clerk, now); ticket.Close(Clerk, now); break;
            case "cancelled": ticket.Cancel("dup", Clerk, now); break;
        }

        var version = ticket.Version;
        var refused = Assert.Throws<DomainRuleException>(() =>
        {
            switch (action)
            {
                case "accept": ticket.Accept(Clerk, now); break;
                case "suspend": ticket.Suspend("x", Clerk, now); break;
                case "resolve": ticket.Resolve("done", clock, 5, Clerk, now); break;
                case "cancel": ticket.Cancel("x", Clerk, now); break;
                case "rate": ticket.Rate(5, null, clock, Clerk, now); break;
                case "close": ticket.Close(Clerk, now); break;
                case "reopen": ticket.Reopen("x", clock, Clerk, now); break;
                case "escalate": ticket.Escalate(new OrganisationAt(Guid.NewGuid(), OrganisationTier.Township), "x", false, clock, Clerk, now); break;
                case "resume": ticket.Resume(clock, Clerk, now); break;
            }
        });
        Assert.Equal($"{action}-not-allowed", refused.Rule);
        Assert.StartsWith($"'{action}' is not allowed on a {state} ticket; it needs one that is ", refused.Message, StringComparison.Ordinal);
        Assert.True(refused.StateConflict);
        Assert.Equal(version, ticket.Version);
    }

    [Fact]
    public void A_low_rating_reopens_for_rectification_due_in_the_items_rectification_days_and_a_good_one_closes()
    {
        var (ticket, clock) = New();
        ticket.Resolve("已调解", clock, 5, Clerk, Monday.AddHours(2));
        Assert.Equal(TicketStatus.Resolved, ticket.Status);
        Assert.Equal(Calendar.AddWorkingDays(Monday.AddHours(2), 5), ticket.AutoCloseAt);

        var ratedAt = Monday.AddDays(1);
        ticket.Rate(1, "没有解决", clock, Clerk, ratedAt);
        Assert.Equal(TicketStatus.Reopened, ticket.Status);
        Assert.Equal(1, ticket.ReopenCount);
        Assert.Equal(1, ticket.Rating);
        Assert.Null(ticket.ResolvedAt);
        Assert.Equal(15, Item.Deadlines.RectificationDays);
        Assert.Equal(Calendar.AddWorkingDays(ratedAt, Item.Deadlines.RectificationDays), ticket.ResolutionDueAt);

        ticket.Resolve("重新调解，双方签字", clock, 5, Clerk, ratedAt.AddHours(3));
        ticket.Rate(5, null, clock, Clerk, ratedAt.AddHours(4));
        Assert.Equal(TicketStatus.Closed, ticket.Status);
        Assert.Equal(5, ticket.Rating);
        Assert.Equal(ratedAt.AddHours(4), ticket.ClosedAt);
    }

    [Fact]
    public void Escalation_moves_up_one_tier_with_that_tiers_deadlines_and_the_county_only_supervises()
    {
        var (ticket, clock) = New();
        var village = ticket.CurrentOrganisationId;
        var township = new OrganisationAt(Guid.NewGuid(), OrganisationTier.Township);
        var at = Monday.AddHours(3);
        var escalated = ticket.Escalate(township, "超出村级调解能力", false, clock, Clerk, at);

        Assert.Equal((village, OrganisationTier.Village, township.Id, OrganisationTier.Township, false), (escalated.FromOrganisationId, escalated.FromTier, escalated.ToOrganisationId, escalated.ToTier, escalated.Automatic));
        Assert.Equal(TicketStatus.Submitted, ticket.Status);
        Assert.Equal(Calendar.AddWorkingDays(at, Item.Deadlines.TownshipDays), ticket.ResolutionDueAt);
        Assert.Equal(1, ticket.EscalationCount);

        ticket.Escalate(new OrganisationAt(Guid.NewGuid(), OrganisationTier.County), "乡镇调解未果", true, clock, Actor.System, at);
        Assert.Equal("top-tier", Assert.Throws<DomainRuleException>(() => ticket.Escalate(null, "x", false, clock, Clerk, at)).Rule);
        var supervision = ticket.Supervise("县级逾期", Actor.System, at);
        Assert.NotNull(supervision);
        Assert.True(supervision.Supervision);
        Assert.True(ticket.Supervised);
        Assert.Null(ticket.Supervise("again", Actor.System, at));

        var snapshot = ticket.ToEvent();
        Assert.Equal((OrganisationTier.Village, OrganisationTier.County, 2, true), (snapshot.IntakeTier, snapshot.CurrentTier, snapshot.EscalationCount, snapshot.Supervised));
    }

    [Fact]
    public void A_bad_rating_stays_in_the_history_opens_a_rectification_due_in_fifteen_working_days_and_the_first_resolution_is_kept()
    {
        var (ticket, clock) = New();
        ticket.Accept(Clerk, Monday.AddHours(1));
        var firstDue = ticket.ResolutionDueAt;
        ticket.Resolve("已调解", clock, 5, Clerk, Monday.AddHours(2));
        var rated = Monday.AddHours(3);
        ticket.Rate(2, "没有解决", clock, Clerk, rated);

        Assert.Equal(TicketStatus.Reopened, ticket.Status);
        // Fifteen working days from Mon 21 Sep 2026, 12:00: 22–24 Sep (3), 中秋 25–27 off, 28–30 Sep (6),
        // 国庆 1–7 Oct off, 8 and 9 Oct (8), the make-up Saturday 10 Oct (9), 12–16 Oct (14), Mon 19 Oct (15).
        var due = ticket.ResolutionDueAt;
        Assert.Equal(new DateTimeOffset(2026, 10, 19, 12, 0, 0, TimeSpan.FromHours(8)), due);
        var reopening = Assert.Single(ticket.Reopenings);
        Assert.Equal((rated, due, (DateTimeOffset?)null, true), (reopening.At, reopening.DueAt, reopening.RectifiedAt, reopening.Rectification));

        var rectified = rated.AddDays(3);
        ticket.Resolve("重新协调，双方签字", clock, 5, Clerk, rectified);
        ticket.Rate(4, null, clock, Clerk, rectified.AddHours(1));

        var snapshot = ticket.ToEvent();
        Assert.Equal([2, 4], snapshot.Ratings!.Select(r => r.Score));
        Assert.Equal(rectified, Assert.Single(snapshot.Reopenings!).RectifiedAt);
        Assert.Equal(new TicketResolution(Monday.AddHours(2), ticket.IntakeOrganisationId, OrganisationTier.Village, firstDue), snapshot.FirstResolution);
        Assert.True(snapshot.ResolvedLocally);
        Assert.Equal(4, snapshot.Rating);
    }

    [Fact]
    public void A_reopening_by_hand_is_not_a_rectification_and_keeps_the_tier_deadline()
    {
        var (ticket, clock) = New();
        ticket.Resolve("已调解", clock, 5, Clerk, Monday.AddHours(2));
        ticket.Reopen("群众反映问题复发", clock, Clerk, Monday.AddHours(4));
        var reopening = Assert.Single(ticket.Reopenings);
        Assert.False(reopening.Rectification);
        Assert.Equal(clock.Start(Monday.AddHours(4), OrganisationTier.Village).ResolutionDueAt, reopening.DueAt);
        Assert.Empty(ticket.Ratings);
    }
}
