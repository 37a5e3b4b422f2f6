using System.Net;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.EndToEnd.Tests;

/// <summary>Pairing through the gateway: a street community and a village pair, and funds count towards a commitment.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class PairingTests(PartyGridApp app)
{
    private readonly Organisations organisations = new(app);
    private readonly ServiceDatabases databases = new(app);

    [Fact]
    public async Task An_urban_community_and_a_rural_village_pair_and_their_funds_show_as_progress()
    {
        var county = (await organisations.RegisterAsync("遵义县", "county", "committee", null)).Id();
        var street = (await organisations.RegisterAsync("南白街道", "township", "committee", county, "urban")).Id();
        var community = (await organisations.RegisterAsync("龙坑社区", "village", "branch", street, "urban")).Id();
        var township = (await organisations.RegisterAsync("枫香镇", "township", "committee", county)).Id();
        var village = (await organisations.RegisterAsync("花茂村", "village", "branch", township)).Id();
        await Eventually.Until(() => databases.ProjectedOrganisationAsync("pairing", village), r => r is not null, what: "pairing projection");

        var pairing = await Json.ReadAsync(await organisations.SendAsAsync(street, ["org-admin"], HttpMethod.Post, "/api/v1/pairings", new
        {
            urbanOrgId = community,
            ruralOrgId = village,
            startsOn = "2026-01-01",
            endsOn = "2027-12-31",
            commitments = new[] { new { kind = "funds", description = "产业帮扶资金", target = 80000, unit = "元", dueOn = "2027-06-30" } },
        }), HttpStatusCode.Created);
        var id = pairing.Id();
        await Json.ReadAsync(await organisations.SendAsAsync(village, ["org-admin"], HttpMethod.Post, $"/api/v1/pairings/{id}/activate", new { }), HttpStatusCode.OK);
        await Json.ReadAsync(await organisations.SendAsAsync(community, ["staff"], HttpMethod.Post, $"/api/v1/pairings/{id}/activities", new
        {
            kind = "funds", occurredOn = "2026-05-10", participants = 6, fundsYuan = 20000, description = "捐赠农机",
            commitmentId = pairing.GetProperty("commitments")[0].GetProperty("id").GetGuid(),
        }), HttpStatusCode.Created);

        var progress = await Json.ReadAsync(await organisations.SendAsAsync(county, ["viewer"], HttpMethod.Get, $"/api/v1/pairings/{id}/progress"), HttpStatusCode.OK);
        Assert.Equal(0.25m, progress.GetProperty("overall").GetDecimal());
        using var ruralSide = await organisations.SendAsAsync(township, ["viewer"], HttpMethod.Get, $"/api/v1/pairings/{id}");
        var seen = await Json.ReadAsync(ruralSide, HttpStatusCode.OK);
        // The rural side reads the urban side's name, though it has no right on the urban tree.
        Assert.Equal(("龙坑社区", "花茂村"), (seen.Text("urbanOrgName"), seen.Text("ruralOrgName")));
        using var urbanSide = await organisations.SendAsAsync(street, ["viewer"], HttpMethod.Get, "/api/v1/pairings?status=active");
        Assert.Contains(id, (await Json.ReadAsync(urbanSide, HttpStatusCode.OK)).GetProperty("items").EnumerateArray().Select(p => p.Id()));
    }
}
