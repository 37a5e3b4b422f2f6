namespace PartyGrid.Notifications.Domain;

/// <summary>
/// When a failed delivery is tried again: the configured delays in turn (5 s, 5 min, 30 min, 2 h,
/// 5 h, 10 h, then every 24 h), each with up to 10 % jitter so that receivers coming back are not hit
/// all at once, never sooner than the receiver's <c>Retry-After</c>; none once the next try would fall
/// after <see cref="GiveUpAfter"/> from the first.
/// </summary>
public sealed class RetrySchedule(IReadOnlyList<TimeSpan> delays, TimeSpan giveUpAfter, Func<double> random)
{
    public static readonly IReadOnlyList<TimeSpan> Standard =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(24),
    ];

    public TimeSpan GiveUpAfter => giveUpAfter;

    /// <summary>The time of the next attempt after <paramref name="attempts"/> failed ones, or null to give up.</summary>
    public DateTimeOffset? Next(int attempts, DateTimeOffset firstAt, DateTimeOffset now, TimeSpan? retryAfter)
    {
        var delay = delays[Math.Min(attempts, delays.Count) - 1];
        delay += delay * (0.1 * random());
        if (retryAfter is { } asked && asked > delay)
        {
            delay = asked;
        }

        var next = now + delay;
        return next - firstAt > giveUpAfter ? null : next;
    }
}
