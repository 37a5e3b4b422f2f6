using System.Globalization;

namespace PartyGrid.DemoData;

/// <summary>
/// The six months before this one as the county's old register (台账) holds them, imported as history
/// so that a first run shows trends and quarters that differ month to month: most matters settled in
/// the village within days and rated well, some escalated to the township, a share rated 1–2 and
/// rectified (mostly in time, a few late), a few resolved past their deadline, some never rated.
/// Each row has a fixed external reference, so loading again imports nothing twice.
/// </summary>
public static class DemoHistory
{
    public const int Months = 6;

    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>One register per month, oldest first: the month (<c>yyyy-MM</c>) and its rows.</summary>
    public static IEnumerable<(string Month, List<object> Rows)> Registers(IReadOnlyList<DemoOrganisation> intake, DateTimeOffset now)
    {
        var local = now.ToOffset(China);
        var thisMonth = new DateTimeOffset(local.Year, local.Month, 1, 0, 0, 0, China);
        for (var back = Months; back >= 1; back--)
        {
            var start = thisMonth.AddMonths(-back);
            var rows = new List<object>();
            foreach (var org in intake)
            {
                var matters = org.Tier == "village" ? DemoMatters.Village : DemoMatters.Township;
                for (var n = 0; n < (org.Tier == "village" ? 4 : 2); n++)
                {
                    var seed = org.Index * 31 + back * 7 + n;
                    var submitted = start.AddDays(seed % 21).AddHours(9 + seed % 7);
                    rows.Add(Row(org, matters[seed % matters.Length], $"demo-history-{org.Code}-{start:yyyyMM}-{n}", seed, submitted, now));
                }
            }

            yield return (start.ToString("yyyy-MM", CultureInfo.InvariantCulture), rows);
        }
    }

    private static object Row(DemoOrganisation org, DemoMatters.Matter matter, string reference, int seed, DateTimeOffset submitted, DateTimeOffset now)
    {
        var accepted = submitted.AddHours(2);
        var resolved = submitted.AddDays(2 + seed % 3);
        string? escalated = null;
        int? rating = (seed % 3) switch { 0 => 4, _ => 5 };
        DateTimeOffset? rectified = null;
        int? reRating = null;
        switch (seed % 20)
        {
            case 11 or 12:
                rating = 3;
                break;
            case 13 or 14 or 15:
                rating = seed % 2 == 0 ? 2 : 1;
                rectified = resolved.AddDays(seed % 20 == 15 ? 30 : 6);
                reRating = 4;
                if (rectified > now.AddDays(-1))
                {
                    rectified = resolved.AddDays(6);
                }

                break;
            case 16 or 17:
                escalated = At(submitted.AddDays(2));
                resolved = submitted.AddDays(7);
                rating = 4;
                break;
            case 18:
                resolved = submitted.AddDays(26);
                rating = 3;
                break;
            case 19:
                rating = null;
                break;
        }

        var rated = resolved.AddDays(1);
        var last = rectified?.AddDays(3) ?? rated;
        if (last > now.AddHours(-1))
        {
            // Near the end of last month there is no room for a long story before today: settled and rated quickly.
            (escalated, resolved, rating, rectified, reRating) = (null, submitted.AddDays(1), 5, null, null);
            rated = resolved.AddHours(4);
        }

        return new
        {
            externalRef = reference,
            intakeOrgCode = org.Code,
            category = matter.Category,
            item = matter.Item,
            title = matter.Title,
            description = matter.Description,
            channel = DemoMatters.Channels[seed % DemoMatters.Channels.Length],
            requesterName = DemoMatters.Person(seed + 3),
            submittedAt = At(submitted),
            acceptedAt = At(accepted),
            escalatedAt = escalated,
            resolvedAt = At(resolved),
            resolution = escalated is null ? "村（社区）服务站办结" : "镇相关站所协调办结",
            rating,
            ratedAt = rating is null ? null : At(rated),
            rectifiedAt = rectified is { } r ? At(r.AddDays(1)) : null,
            reRating,
            reRatedAt = reRating is null ? null : At(rectified!.Value.AddDays(2)),
        };
    }

    private static string At(DateTimeOffset instant) => instant.ToOffset(China).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
