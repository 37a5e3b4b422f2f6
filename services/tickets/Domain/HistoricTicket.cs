using PartyGrid.ServiceDefaults.PersonalData;
using PartyGrid.Tickets.Calendar;
using PartyGrid.Tickets.Catalogue;

namespace PartyGrid.Tickets.Domain;

/// <summary>
/// A finished matter from a previous system's register (台账), with its original times: taken in,
/// perhaps accepted, escalated to the sites above, resolved, perhaps rated — and when rated 1–2,
/// perhaps rectified and rated again.
/// </summary>
public sealed record HistoricTicket(
    TicketIntake Intake,
    ServiceItem Item,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? AcceptedAt,
    IReadOnlyList<(DateTimeOffset At, OrganisationAt To)> Escalations,
    DateTimeOffset ResolvedAt,
    string Resolution,
    (int Score, DateTimeOffset At)? Rating,
    DateTimeOffset? RectifiedAt,
    (int Score, DateTimeOffset At)? ReRating);

public sealed partial class Ticket
{
    /// <summary>The importer of registers: one actor, so an external reference is imported once whoever imports it.</summary>
    public static readonly Actor Importer = new("import");

    /// <summary>
    /// The ticket a register's row describes, lived through the same rules as a ticket taken in today
    /// — at the times the register gives — so its deadlines, history and snapshot are those of any
    /// other ticket, marked <see cref="Imported"/>.
    /// </summary>
    public static Ticket Import(
        Guid id, HistoricTicket history, ProtectedValue phone, WorkingCalendar calendar, string number, int autoCloseWorkingDays, DateTimeOffset now)
    {
        var clock = new TicketClock(calendar, history.Item.Deadlines, history.Intake.Priority);
        var ticket = Submit(id, history.Intake, phone, history.Item, clock, number, Importer, history.SubmittedAt);
        ticket.Imported = true;
        if (history.AcceptedAt is { } accepted)
        {
            ticket.Accept(Importer, accepted);
        }

        foreach (var (at, to) in history.Escalations)
        {
            ticket.Escalate(to, "历史台账：上报", automatic: false, clock, Importer, at);
        }

        ticket.Resolve(history.Resolution, clock, autoCloseWorkingDays, Importer, history.ResolvedAt);
        if (history.Rating is { } rating)
        {
            ticket.Rate(rating.Score, null, clock, Importer, rating.At);
            if (rating.Score <= 2 && history.RectifiedAt is { } rectified)
            {
                ticket.Resolve("历史台账：整改办结", clock, autoCloseWorkingDays, Importer, rectified);
                if (history.ReRating is { } again)
                {
                    ticket.Rate(again.Score, null, clock, Importer, again.At);
                }
            }
        }

        // Unrated and past its closing day: closed as the ticket clock would have closed it then.
        if (ticket is { Status: TicketStatus.Resolved, AutoCloseAt: { } closesAt } && closesAt <= now)
        {
            ticket.Close(Actor.System, closesAt, "closed-automatically");
        }

        return ticket;
    }
}
