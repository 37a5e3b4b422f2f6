namespace PartyGrid.ServiceDefaults.Messaging;

/// <summary>
/// How a batch consumer takes its messages: up to <see cref="MessageLimit"/>, or what arrived within
/// <see cref="TimeLimit"/> of the first, <see cref="Concurrency"/> batches at once.
/// </summary>
public sealed record BatchShape(int MessageLimit, TimeSpan TimeLimit, int Concurrency)
{
    /// <summary>
    /// For consumers of snapshots: 50 ms bounds what a quiet system adds to a change's way to a scorecard
    /// or a webhook; two batches at once keep the database busy while one commits.
    /// </summary>
    public static readonly BatchShape Snapshots = new(100, TimeSpan.FromMilliseconds(50), 2);
}
