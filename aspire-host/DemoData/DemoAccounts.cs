using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using static PartyGrid.DemoData.DemoApi;

namespace PartyGrid.DemoData;

/// <summary>
/// The demo's staff accounts, all with the run's demo password (the AppHost parameter
/// <c>demo-password</c>): the county's admin (<c>demo-admin</c>, enrols a second factor at first
/// sign-in) and personal-data reader (<c>demo-pii</c>), an org-admin and a clerk per township, clerks for
/// the first village of three townships, and for scripts <c>demo-clerk</c> (a village clerk) and
/// <c>demo-township</c> (a township org-admin). An account that exists already is left as it is.
/// </summary>
public sealed partial class DemoAccounts(DemoApi api, IOptions<DemoOptions> options, ILogger<DemoAccounts> logger)
{
    public sealed record Account(string UserName, string DisplayName, string OrganisationCode, string[] Roles);

    public static IEnumerable<Account> All()
    {
        yield return new("demo-admin", "县委组织部管理员", ZunyiCounty.Code, ["admin"]);
        yield return new("demo-pii", "县委组织部信息核查员", ZunyiCounty.Code, ["viewer", "pii-reader"]);
        yield return new("demo-clerk", $"{ZunyiCounty.Townships[0].Villages[0]}服务站专干", ZunyiCounty.VillageCode(0, 0), ["staff"]);
        yield return new("demo-township", $"{ZunyiCounty.Townships[0].Name}组织委员", ZunyiCounty.TownshipCode(0), ["org-admin", "staff"]);
        for (var t = 0; t < ZunyiCounty.Townships.Length; t++)
        {
            var township = ZunyiCounty.Townships[t];
            yield return new($"demo-t{t + 1:D2}-admin", $"{township.Name}党委管理员", ZunyiCounty.TownshipCode(t), ["org-admin", "staff"]);
            yield return new($"demo-t{t + 1:D2}-clerk", $"{township.Name}便民服务中心窗口", ZunyiCounty.TownshipCode(t), ["staff"]);
            if (t < 3)
            {
                yield return new($"demo-t{t + 1:D2}-v01-clerk", $"{township.Villages[0]}服务站专干", ZunyiCounty.VillageCode(t, 0), ["staff"]);
            }
        }
    }

    public async Task CreateAsync(CancellationToken cancellationToken)
    {
        var found = Expect(await api.AsAdminAsync(HttpMethod.Get, $"/api/v1/organisations?query={ZunyiCounty.Code}&limit=200", cancellationToken: cancellationToken), "county");
        var county = found.GetProperty("items").EnumerateArray().Single(o => o.GetProperty("code").GetString() == ZunyiCounty.Code).GetProperty("id").GetGuid();
        var subtree = await api.AllPagesAsync($"/api/v1/organisations/{county}/subtree", "subtree", cancellationToken);
        var byCode = subtree.ToDictionary(o => o.GetProperty("code").GetString()!, o => o.GetProperty("id").GetGuid());

        var created = 0;
        foreach (var account in All())
        {
            var answer = await api.AsAdminAsync(HttpMethod.Post, "/api/v1/staff", new
            {
                userName = account.UserName,
                displayName = account.DisplayName,
                homeOrganisationId = byCode[account.OrganisationCode],
                roles = account.Roles,
                initialPassword = options.Value.Password,
                mustChangePassword = false,
            }, cancellationToken: cancellationToken);
            if (answer.Status == HttpStatusCode.Conflict)
            {
                continue;
            }

            Expect(answer, $"account {account.UserName}");
            created++;
        }

        LogAccounts(logger, created);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo accounts: {Count} created (the rest existed)")]
    private static partial void LogAccounts(ILogger logger, int count);
}
