namespace PartyGrid.Contracts;

/// <summary>
/// A month's scorecards were frozen: from now on the published figures of <see cref="Period"/>
/// (<c>yyyy-MM</c>) stay as they are, scored with scheme <see cref="SchemeVersion"/>; events that
/// arrive later show as adjustments beside them.
/// </summary>
public sealed record AssessmentPublished(
    Guid Id,
    string Period,
    int SchemeVersion,
    int Organisations,
    DateTimeOffset ClosedAt,
    string ClosedBy) : IIntegrationEvent
{
    public static string EventName => "assessment-published";

    Guid IIntegrationEvent.AggregateId => Id;

    long IIntegrationEvent.Version => 1;
}
