using System.Diagnostics.Metrics;
using PartyGrid.ServiceDefaults.Hosting;

namespace PartyGrid.ServiceDefaults.Messaging;

/// <summary>Outbox health as operators see it: how much is waiting, for how long, and what got out.</summary>
public sealed class OutboxMetrics
{
    private readonly Counter<long> published;
    private readonly Counter<long> failures;
    private long pending;
    private double oldestAgeSeconds;

    public OutboxMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Telemetry.MeterPrefix + "Messaging");
        published = meter.CreateCounter<long>("partygrid.outbox.published", "{message}", "Outbox messages confirmed by the broker.");
        failures = meter.CreateCounter<long>("partygrid.outbox.publish_failures", "{batch}", "Outbox batches that could not be published.");
        meter.CreateObservableGauge("partygrid.outbox.pending", () => Interlocked.Read(ref pending), "{message}", "Outbox messages not yet published.");
        meter.CreateObservableGauge("partygrid.outbox.oldest_pending_age", () => Volatile.Read(ref oldestAgeSeconds), "s", "Age of the oldest unpublished outbox message.");
    }

    public void Published(int count) => published.Add(count);

    public void PublishFailed() => failures.Add(1);

    public void Backlog(long count, TimeSpan oldestAge)
    {
        Interlocked.Exchange(ref pending, count);
        Volatile.Write(ref oldestAgeSeconds, oldestAge.TotalSeconds);
    }
}
