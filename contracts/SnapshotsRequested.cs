namespace PartyGrid.Contracts;

/// <summary>
/// Asks every service to publish the current snapshot of each of its aggregates again, so a consumer
/// that dropped its projections (assessment's rebuild) can build them anew. Snapshots carry their
/// versions, so consumers that kept theirs change nothing.
/// </summary>
public sealed record SnapshotsRequested(Guid Id, string RequestedBy, DateTimeOffset RequestedAt) : IIntegrationEvent
{
    public static string EventName => "snapshots-requested";

    Guid IIntegrationEvent.AggregateId => Id;

    long IIntegrationEvent.Version => 1;
}
