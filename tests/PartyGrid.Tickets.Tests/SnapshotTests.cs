using System.Net;
using PartyGrid.Testing;

namespace PartyGrid.Tickets.Tests;

[Collection(TicketsServiceCollection.Name)]
public sealed class SnapshotTests(TicketsService service)
{
    [Fact]
    public async Task An_answer_within_the_response_deadline_is_marked_on_the_snapshot()
    {
        var ticket = await service.SubmitAsync(service.County.A);
        await service.ActAsync(service.County.A, ticket.Id(), "accept");
        var events = (await service.EventsAsync(ticket.Id())).Where(e => e.Name == "ticket-changed").Select(e => e.Body).ToList();
        Assert.Equal([false, true], events.Select(e => e.GetProperty("respondedOnTime").GetBoolean()));
    }

    [Fact]
    public async Task Admin_has_every_ticket_republished_at_its_current_version()
    {
        var ticket = await service.SubmitAsync(service.County.B);
        await service.ActAsync(service.County.B, ticket.Id(), "accept");
        var republish = "/api/v1/tickets/snapshots/republish";
        Assert.Equal(HttpStatusCode.Forbidden, (await service.Staff(service.County.B).PostAsync(republish, null)).StatusCode);

        var finishedBefore = RepublishesFinished();
        var accepted = await Json.ReadAsync(await service.As(service.County.C, "admin").PostAsync(republish, null), HttpStatusCode.Accepted);
        Assert.Equal(["ticket-changed"], accepted.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        var snapshots = await Eventually.Until(
            async () => (await service.EventsAsync(ticket.Id())).Where(e => e.Name == "ticket-changed").ToList(),
            events => events.Count == 3,
            what: "the ticket's snapshot published again");
        Assert.Equal(snapshots[1].Body.ToString(), snapshots[2].Body.ToString());
        Assert.Equal("accepted", snapshots[2].Body.GetProperty("status").GetString());

        // The republish goes on through every other ticket in the background: it must be over before the
        // next test of this fixture counts its own ticket's snapshots.
        await Eventually.Until(() => Task.FromResult(RepublishesFinished()), n => n > finishedBefore, what: "the republish finished");
    }

    [Fact]
    public async Task Only_admin_runs_the_ticket_clock_now_and_is_told_what_it_handled()
    {
        foreach (var role in new[] { "staff", "org-admin", "viewer" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await service.As(service.County.C, role).PostAsync("/api/v1/tickets/jobs/ticket-clock/run", null)).StatusCode);
        }

        var run = await Json.ReadAsync(await service.As(service.County.C, "admin").PostAsync("/api/v1/tickets/jobs/ticket-clock/run", null), HttpStatusCode.OK);
        Assert.Equal("ticket-clock", run.GetProperty("job").GetString());
        Assert.Equal(service.Host.Time.GetUtcNow(), run.GetProperty("finishedAt").GetDateTimeOffset());
    }

    private int RepublishesFinished() =>
        service.Host.Logs.Lines.Count(l => l.Contains("Republished", StringComparison.Ordinal) && l.Contains("ticket-changed snapshots", StringComparison.Ordinal));
}
