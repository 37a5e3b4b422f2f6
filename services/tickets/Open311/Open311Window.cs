using System.Globalization;

namespace PartyGrid.Tickets.Open311;

/// <summary>
/// The <c>start_date</c>/<c>end_date</c> window of a read, as the spec bounds it: W3C times, the end
/// after the start, at most 90 days apart; without them the last 90 days up to now.
/// </summary>
public sealed record Open311Window(DateTimeOffset Start, DateTimeOffset End)
{
    public static readonly TimeSpan Longest = TimeSpan.FromDays(90);

    /// <summary>The window, or the spec's 400 description of what is wrong with it.</summary>
    public static (Open311Window? Window, string? Error) Read(string? start, string? end, DateTimeOffset now)
    {
        if (!TryTime(start, out var from))
        {
            return (null, "start_date must be a W3C date-time such as 2026-12-01T08:00:00+08:00");
        }

        if (!TryTime(end, out var to))
        {
            return (null, "end_date must be a W3C date-time such as 2026-12-01T18:00:00+08:00");
        }

        var endAt = to ?? now;
        var startAt = from ?? endAt - Longest;
        if (endAt < startAt)
        {
            return (null, "end_date must not be before start_date");
        }

        return endAt - startAt > Longest
            ? (null, "start_date and end_date may be at most 90 days apart")
            : (new Open311Window(startAt, endAt), null);
    }

    private static bool TryTime(string? text, out DateTimeOffset? at)
    {
        at = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        at = parsed;
        return true;
    }
}
