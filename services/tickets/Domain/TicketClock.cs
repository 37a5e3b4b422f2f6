using PartyGrid.Tickets.Calendar;
using PartyGrid.Tickets.Catalogue;

namespace PartyGrid.Tickets.Domain;

/// <summary>
/// A ticket's deadlines at a tier: response (签收) and resolution, in working time on the calendar,
/// or plain hours when urgent; and the moments 80 % of each is used, when the ticket is flagged.
/// </summary>
public sealed class TicketClock(WorkingCalendar calendar, TicketDeadlines deadlines, TicketPriority priority)
{
    public const double WarningShare = 0.8;

    public WorkingCalendar Calendar => calendar;

    public Deadlines Start(DateTimeOffset from, OrganisationTier tier)
    {
        var response = priority == TicketPriority.Urgent
            ? from.AddHours(deadlines.UrgentResponseHours)
            : calendar.AddWorkingDays(from, deadlines.ResponseDays);
        var resolution = priority == TicketPriority.Urgent
            ? from.AddHours(deadlines.UrgentResolutionHours)
            : calendar.AddWorkingDays(from, deadlines.ResolutionDays(tier));
        return new Deadlines(response, resolution, WarnAt(from, response), WarnAt(from, resolution));
    }

    /// <summary>The deadline of a rectification (整改) after a bad rating, in working days whatever the priority, and its 80 % mark.</summary>
    public (DateTimeOffset DueAt, DateTimeOffset WarnAt) Rectification(DateTimeOffset from)
    {
        var due = calendar.AddWorkingDays(from, deadlines.RectificationDays);
        return (due, calendar.Add(from, calendar.Between(from, due) * WarningShare));
    }

    /// <summary>Deadlines moved on by the working time a suspension took: the clock stood still meanwhile.</summary>
    public DateTimeOffset Shift(DateTimeOffset instant, DateTimeOffset suspendedAt, DateTimeOffset resumedAt) =>
        priority == TicketPriority.Urgent
            ? instant + (resumedAt - suspendedAt)
            : calendar.Add(resumedAt, calendar.Between(suspendedAt, instant));

    private DateTimeOffset WarnAt(DateTimeOffset from, DateTimeOffset due)
    {
        if (priority == TicketPriority.Urgent)
        {
            return from + (due - from) * WarningShare;
        }

        return calendar.Add(from, calendar.Between(from, due) * WarningShare);
    }
}

public sealed record Deadlines(DateTimeOffset ResponseDueAt, DateTimeOffset ResolutionDueAt, DateTimeOffset ResponseWarnAt, DateTimeOffset ResolutionWarnAt);
