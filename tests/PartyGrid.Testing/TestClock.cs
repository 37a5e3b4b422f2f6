namespace PartyGrid.Testing;

/// <summary>
/// Where every fake clock starts: a fixed working Monday morning in China (09:00 on 2 November 2026,
/// inside the published 2026 holiday calendar and clear of its holidays for the weeks tests move
/// on), so deadlines, periods and holidays mean the same whatever day the tests run.
/// </summary>
public static class TestClock
{
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);
}
