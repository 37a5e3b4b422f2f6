namespace PartyGrid.Assessment.Projections;

/// <summary>
/// How the counting projectors take their snapshots: a batch is up to <see cref="MessageLimit"/> or
/// what arrived within <see cref="TimeLimit"/> of its first, which bounds what a quiet system adds to
/// the change → scorecard latency; two batches at once keep the database busy while one commits.
/// </summary>
public static class CountingBatch
{
    public const int MessageLimit = 100;

    public const int Concurrency = 2;

    public static readonly TimeSpan TimeLimit = TimeSpan.FromMilliseconds(50);
}
