using PartyGrid.ServiceDefaults.Hosting;

namespace PartyGrid.Tickets.Api;

/// <summary>
/// The Shanghai days a stats answer counts, <c>from</c> inclusive and <c>to</c> exclusive (default:
/// this month), bounded so a typing error neither scans everything nor asks for the year 20260.
/// </summary>
public sealed record StatsPeriod(DateOnly From, DateOnly To)
{
    /// <summary>The longest period one answer counts: a year is what a report asks for, and it bounds the scan.</summary>
    public const int MaxSpanDays = 366;

    /// <summary>No record is older (the service model began in 2009) or newer than these; beyond them dates are typing errors.</summary>
    public static readonly DateOnly Earliest = new(2000, 1, 1);

    public static readonly DateOnly Latest = new(2100, 1, 1);

    public DateTimeOffset StartAt => Instant(From);

    public DateTimeOffset EndAt => Instant(To);

    /// <param name="bounded">False for a filter (the queue's days), where a long span costs nothing.</param>
    public static StatsPeriod? Read(DateOnly? from, DateOnly? to, DateOnly today, FieldErrors errors, bool bounded = true)
    {
        var start = from ?? new DateOnly(today.Year, today.Month, 1);
        if (start < Earliest || start >= Latest)
        {
            errors.Add("from", $"must lie from {Earliest:yyyy-MM-dd} to {Latest:yyyy-MM-dd}");
            return null;
        }

        var end = to ?? start.AddMonths(1);
        if (end <= start)
        {
            errors.Add("to", "must be after from");
        }
        else if (end > Latest)
        {
            errors.Add("to", $"must lie from {Earliest:yyyy-MM-dd} to {Latest:yyyy-MM-dd}");
        }
        else if (bounded && end.DayNumber - start.DayNumber > MaxSpanDays)
        {
            errors.Add("to", $"the period may span at most {MaxSpanDays} days");
        }

        return errors.Any ? null : new StatsPeriod(start, end);
    }

    private static DateTimeOffset Instant(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, ChinaTime.Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
