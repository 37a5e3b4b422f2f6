using System.Net.Http.Json;

namespace PartyGrid.Bench;

/// <summary>A county, township and village registered through the gateway for one benchmark run.</summary>
internal static class BenchCounty
{
    public sealed record Tree(Guid County, Guid Township, Guid Village);

    public static async Task<Tree> CreateAsync(HttpClient admin, string run)
    {
        var county = (await BenchHttp.PostAsync(admin, "/api/v1/organisations", new { code = $"{run}-C", name = "压测县", tier = "county", area = "rural", kind = "committee" })).GetProperty("id").GetGuid();
        var township = (await BenchHttp.PostAsync(admin, "/api/v1/organisations", new { code = $"{run}-T", name = "压测镇", tier = "township", area = "rural", kind = "committee", parentId = county })).GetProperty("id").GetGuid();
        var village = (await BenchHttp.PostAsync(admin, "/api/v1/organisations", new { code = $"{run}-V", name = "压测村", tier = "village", area = "rural", kind = "branch", parentId = township })).GetProperty("id").GetGuid();
        return new Tree(county, township, village);
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

    /// <summary>A new village reaches the tickets service's projection through the broker; until then intake there is refused.</summary>
    public static async Task UntilTicketsTakenAtAsync(HttpClient staff, Guid village)
    {
        while (true)
        {
            using var response = await staff.PostAsJsonAsync("/api/v1/tickets", Ticket(village, 0));
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            await Task.Delay(200);
        }
    }
}
