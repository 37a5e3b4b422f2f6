using System.Diagnostics;
using System.Text.Json;
using PartyGrid.Contracts;

namespace PartyGrid.ServiceDefaults.Messaging;

/// <summary>
/// An integration event waiting to be published, written in the same transaction as the change that
/// raised it. Its id is the message id consumers de-duplicate on, so a row published twice (the
/// broker took it but we failed to mark it sent) still has one effect.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; init; }

    public required string EventName { get; init; }

    public required string Payload { get; init; }

    /// <summary>W3C trace context of the request that raised the event, so one trace spans the hop.</summary>
    public string? TraceParent { get; init; }

    public string? TraceState { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? SentAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public static OutboxMessage For<TEvent>(TEvent integrationEvent, DateTimeOffset now)
        where TEvent : IIntegrationEvent => new()
        {
            Id = Guid.CreateVersion7(now),
            EventName = TEvent.EventName,
            Payload = JsonSerializer.Serialize(integrationEvent, EventJson.Options),
            TraceParent = Activity.Current?.Id,
            TraceState = Activity.Current?.TraceStateString,
            CreatedAt = now,
        };

    public object Deserialize() =>
        JsonSerializer.Deserialize(Payload, IntegrationEventCatalog.TypeOf(EventName), EventJson.Options)
        ?? throw new InvalidOperationException($"Outbox message {Id} has an empty payload.");
}
