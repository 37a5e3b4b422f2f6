using System.Net.Http.Json;

namespace PartyGrid.Bench;

/// <summary>
/// A county, a township and its villages registered through the gateway for one benchmark run. Intake
/// is spread over the villages as a county's would be; staff of the township may take it in at each.
/// </summary>
public static class BenchCounty
{
    public const int VillageCount = 8;

    public sealed record Tree(Guid County, Guid Township, IReadOnlyList<Guid> Villages)
    {
        /// <summary>The village the <paramref name="i"/>th ticket is taken in at.</summary>
        public Guid VillageFor(int i) => Villages[i % Villages.Count];
    }

    public static async Task<Tree> CreateAsync(HttpClient admin, string run)
    {
        var county = (await BenchHttp.PostAsync(admin, "/api/v1/organisations", new { code = $"{run}-C", name = "压测县", tier = "county", area = "rural", kind = "committee" })).GetProperty("id").GetGuid();
        var township = (await BenchHttp.PostAsync(admin, "/api/v1/organisations", new { code = $"{run}-T", name = "压测镇", tier = "township", area = "rural", kind = "committee", parentId = county })).GetProperty("id").GetGuid();
        var villages = new List<Guid>();
        for (var v = 0; v < VillageCount; v++)
        {
            villages.Add((await BenchHttp.PostAsync(admin, "/api/v1/organisations", new { code = $"{run}-V{v}", name = $"压测{v + 1}村", tier = "village", area = "rural", kind = "branch", parentId = township })).GetProperty("id").GetGuid());
        }

        return new Tree(county, township, villages);
    }

    public static object Ticket(Guid village, int i) => new
    {
        intakeOrgId = village,
        category = "consultation",
        item = "policy-advice",
        title = $"政策咨询 {i}",
        description = "咨询城乡居民医保缴费标准及缴费渠道",
        requester = new { name = "压测群众", phone = $"139{i % 100_000_000:D8}", address = "压测村" },
        channel = "walk-in",
    };

    /// <summary>New villages reach the tickets service's projection through the broker; until then intake there is refused.</summary>
    public static async Task UntilTicketsTakenAtAsync(HttpClient staff, Tree tree)
    {
        foreach (var village in tree.Villages)
        {
            while (true)
            {
                using var response = await staff.PostAsJsonAsync("/api/v1/tickets", Ticket(village, 0));
                if (response.IsSuccessStatusCode)
                {
                    break;
                }

                await Task.Delay(200);
            }
        }
    }
}
