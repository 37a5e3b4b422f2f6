namespace PartyGrid.Contracts;

/// <summary>
/// An event one service publishes for the others. Events carry the full current snapshot of their
/// aggregate and its monotonic <see cref="Version"/>, so a consumer can apply them in any order and
/// any number of times.
/// </summary>
public interface IIntegrationEvent
{
    /// <summary>The stable name under which the event is stored in outboxes; never rename one.</summary>
    static abstract string EventName { get; }

    Guid AggregateId { get; }

    long Version { get; }
}
