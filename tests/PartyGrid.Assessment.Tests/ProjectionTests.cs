using System.Text.Json;
using System.Text.Json.Serialization;
using MassTransit;
using Npgsql;
using PartyGrid.Contracts;
using PartyGrid.Testing;

namespace PartyGrid.Assessment.Tests;

/// <summary>Assessment's projections are fed by events alone: duplicates and reordering leave the newest snapshot.</summary>
[Collection(AssessmentServiceCollection.Name)]
public sealed class ProjectionTests(AssessmentService service)
{
    private static TicketChanged Ticket(Guid id, long version, TicketStatus status, int? rating = null) => new(
        id, "PG-2026-000001", TicketCategory.Dispute, "land-dispute", TicketChannel.Phone, TicketPriority.Normal,
        Guid.NewGuid(), OrganisationTier.Village, Guid.NewGuid(), OrganisationTier.Township, status,
        DateTimeOffset.UtcNow, null, null, null, DateTimeOffset.UtcNow.AddDays(1), DateTimeOffset.UtcNow.AddDays(5),
        null, null, (int)version, 0, rating, false, version);

    [Fact]
    public async Task A_late_older_ticket_snapshot_and_a_redelivery_change_nothing()
    {
        var id = Guid.NewGuid();
        var newest = Guid.NewGuid();
        await service.PublishAsync(Ticket(id, 3, TicketStatus.Closed, rating: 5), newest);
        await Eventually.Until(() => service.ScalarAsync<long>("SELECT version FROM assessed_tickets WHERE id = @id", id), v => v == 3, what: "v3 projected");

        await service.PublishAsync(Ticket(id, 2, TicketStatus.Resolved), Guid.NewGuid());
        await service.PublishAsync(Ticket(id, 4, TicketStatus.Reopened), newest);
        var older = Guid.NewGuid();
        await service.PublishAsync(Ticket(id, 1, TicketStatus.Submitted), older);
        await Eventually.Until(() => service.ScalarAsync<long>("SELECT count(*) FROM inbox_messages WHERE message_id = @id", older), n => n == 1, what: "the old snapshot consumed");

        Assert.Equal(3, await service.ScalarAsync<long>("SELECT version FROM assessed_tickets WHERE id = @id", id));
        Assert.Equal("closed", await service.ScalarAsync<string>("SELECT status FROM assessed_tickets WHERE id = @id", id));
        Assert.Equal(5, await service.ScalarAsync<int>("SELECT rating FROM assessed_tickets WHERE id = @id", id));
        Assert.Equal(1, await service.ScalarAsync<long>("SELECT count(*) FROM inbox_messages WHERE message_id = @id", newest));
    }

    [Fact]
    public async Task Members_pairings_and_service_sites_are_projected_by_version()
    {
        var member = Guid.NewGuid();
        var org = Guid.NewGuid();
        await service.PublishAsync(new MemberChanged(member, org, MemberStatus.Full, ["legal"], true, MemberFlowStatus.FlowingOut, true, 5), Guid.NewGuid());
        await service.PublishAsync(new MemberChanged(member, org, MemberStatus.Probationary, [], false, MemberFlowStatus.None, false, 4), Guid.NewGuid());
        var pairing = Guid.NewGuid();
        await service.PublishAsync(new PairingChanged(pairing, Guid.NewGuid(), Guid.NewGuid(), PairingStatus.Active, new DateOnly(2026, 1, 1), new DateOnly(2027, 12, 31), [], 0.35m, 1, 3), Guid.NewGuid());
        var site = Guid.NewGuid();
        await service.PublishAsync(new ServiceSiteChanged(site, site.ToString("N"), OrganisationTier.Village, "综合服务站", "石板村", ["党务"], true, 2), Guid.NewGuid());

        await Eventually.Until(() => service.ScalarAsync<long>("SELECT count(*) FROM inbox_messages", Guid.Empty), n => n >= 4, what: "events consumed");
        await Eventually.Until(() => service.ScalarAsync<decimal>("SELECT overall_progress FROM assessed_pairings WHERE id = @id", pairing), p => p == 0.35m, what: "pairing projected");
        await Eventually.Until(() => service.ScalarAsync<bool>("SELECT open FROM assessed_service_sites WHERE organisation_id = @id", site), open => open, what: "site projected");
        await Eventually.Until(() => service.ScalarAsync<long>("SELECT count(*) FROM inbox_messages WHERE consumer = 'member-projection'", Guid.Empty), n => n >= 2, what: "both member snapshots consumed");
        Assert.Equal("full", await service.ScalarAsync<string>("SELECT status FROM assessed_members WHERE id = @id", member));
        Assert.True(await service.ScalarAsync<bool>("SELECT lost_contact FROM assessed_members WHERE id = @id", member));
    }
}
