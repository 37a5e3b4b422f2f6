namespace PartyGrid.Contracts;

/// <summary>A transfer of membership (组织关系转接) was received: the member now belongs to <see cref="ToOrganisationId"/>.</summary>
public sealed record TransferCompleted(
    Guid TransferId,
    Guid MemberId,
    Guid FromOrganisationId,
    Guid ToOrganisationId,
    DateTimeOffset CompletedAt,
    long Version) : IIntegrationEvent
{
    public static string EventName => "transfer-completed";

    Guid IIntegrationEvent.AggregateId => TransferId;
}
