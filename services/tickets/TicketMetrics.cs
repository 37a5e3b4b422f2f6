using System.Diagnostics.Metrics;
using PartyGrid.ServiceDefaults.Hosting;

namespace PartyGrid.Tickets;

/// <summary>The domain meters of DESIGN.md: <c>partygrid.tickets.submitted</c>, <c>.escalated</c>, <c>.overdue</c>, <c>.resolved</c>, <c>.warned</c>.</summary>
public sealed class TicketMetrics
{
    private readonly Counter<long> submitted;
    private readonly Counter<long> escalated;
    private readonly Counter<long> overdue;
    private readonly Counter<long> resolved;
    private readonly Counter<long> warned;

    public TicketMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Telemetry.MeterPrefix + "Tickets");
        submitted = meter.CreateCounter<long>("partygrid.tickets.submitted", description: "Tickets taken in");
        escalated = meter.CreateCounter<long>("partygrid.tickets.escalated", description: "Escalations to the parent's site, and supervisions at the county");
        overdue = meter.CreateCounter<long>("partygrid.tickets.overdue", description: "Resolution deadlines passed");
        resolved = meter.CreateCounter<long>("partygrid.tickets.resolved", description: "Tickets resolved");
        warned = meter.CreateCounter<long>("partygrid.tickets.warned", description: "Tickets past 80 % of a deadline");
    }

    /// <summary>A ticket taken in; one settled on the spot is resolved too.</summary>
    public void TakenIn(Ticket ticket)
    {
        submitted.Add(1, new("category", WireName.Of(ticket.Category)), new("channel", WireName.Of(ticket.Channel)));
        if (ticket.Status == TicketStatus.Resolved)
        {
            Resolved(ticket.CurrentTier);
        }
    }

    public void Escalated(OrganisationTier from, bool automatic) =>
        escalated.Add(1, new("from_tier", WireName.Of(from)), new("automatic", automatic));

    public void Overdue(OrganisationTier tier) => overdue.Add(1, new KeyValuePair<string, object?>("tier", WireName.Of(tier)));

    public void Resolved(OrganisationTier tier) => resolved.Add(1, new KeyValuePair<string, object?>("tier", WireName.Of(tier)));

    public void Warned() => warned.Add(1);
}
