using System.Diagnostics.Metrics;
using PartyGrid.ServiceDefaults.Hosting;

namespace PartyGrid.Notifications;

/// <summary>
/// <c>partygrid.webhooks.delivered</c>, <c>.failed</c> (given up or refused with 410),
/// <c>.attempt_failures</c>, <c>.latency</c> (ticket change to acknowledgement) and <c>.backlog</c>
/// (deliveries waiting), on the dashboard with the other services' meters.
/// </summary>
public sealed class WebhookMetrics
{
    private readonly Counter<long> delivered;
    private readonly Counter<long> failed;
    private readonly Counter<long> attemptFailures;
    private readonly Histogram<double> latency;
    private long backlog;

    public WebhookMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Telemetry.MeterPrefix + "Notifications");
        delivered = meter.CreateCounter<long>("partygrid.webhooks.delivered", description: "Deliveries acknowledged by their receiver");
        failed = meter.CreateCounter<long>("partygrid.webhooks.failed", description: "Deliveries given up after three days, or refused with 410 Gone");
        attemptFailures = meter.CreateCounter<long>("partygrid.webhooks.attempt_failures", description: "Attempts that met an error or a non-2xx answer");
        latency = meter.CreateHistogram<double>("partygrid.webhooks.latency", "s", "From the ticket's change to the receiver's acknowledgement");
        meter.CreateObservableGauge("partygrid.webhooks.backlog", () => Interlocked.Read(ref backlog), description: "Deliveries waiting to be sent");
    }

    public void Delivered(string type, TimeSpan sinceChange)
    {
        delivered.Add(1, new KeyValuePair<string, object?>("type", type));
        latency.Record(sinceChange.TotalSeconds, new KeyValuePair<string, object?>("type", type));
    }

    public void AttemptFailed() => attemptFailures.Add(1);

    public void Failed(string reason) => failed.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Backlog(long pending) => Interlocked.Exchange(ref backlog, pending);
}
