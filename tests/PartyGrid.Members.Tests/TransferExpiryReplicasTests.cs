using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Npgsql;
using PartyGrid.Testing;

namespace PartyGrid.Members.Tests;

/// <summary>Two replicas of members on one database, as a deployment runs them: transfer expiry closes each lapsed transfer once.</summary>
public sealed class TransferExpiryReplicasTests
{
    private const int Transfers = 120;

    [Fact]
    public async Task Two_replicas_running_transfer_expiry_at_once_expire_each_lapsed_transfer_once()
    {
        var keys = new Dictionary<string, string>
        {
            ["PersonalData:EncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["PersonalData:LookupKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
        var database = await TestServers.CreateDatabaseAsync("members");
        var started = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => ServiceHost<Program>.StartOnAsync(MembersServiceExtensions.ServiceName, database, keys)));
        await using var first = started[0];
        await using var second = started[1];
        var county = new TestCounty();
        await county.ProjectInto(database);

        var service = new MembersService();
        var ids = new List<Guid>();
        for (var i = 0; i < Transfers; i++)
        {
            var replica = i % 2 == 0 ? first : second;
            using var registered = await replica.ClientAs(county.C, "admin").PostAsJsonAsync("/api/v1/members", service.NewMember(county.A).Body);
            var member = (await Json.ReadAsync(registered, HttpStatusCode.Created)).Id();
            using var requested = await replica.ClientAs(county.C, "admin").PostAsJsonAsync("/api/v1/transfers", new { memberId = member, toOrgId = county.B, reason = "工作调动", validDays = 30 });
            ids.Add((await Json.ReadAsync(requested, HttpStatusCode.Created)).Id());
        }

        var before = await VersionsAsync();

        // Past every transfer's validity on both replicas' clocks (their own timers wake as well), then
        // the job run at once, three times on each replica: every run answers, none fails on a conflict.
        first.Time.Advance(TimeSpan.FromDays(31));
        second.Time.Advance(TimeSpan.FromDays(31));
        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            using var response = await (i % 2 == 0 ? first : second).ClientAs(county.C, "admin").PostAsync("/api/v1/members/jobs/transfer-expiry/run", null);
            return (await Json.ReadAsync(response, HttpStatusCode.OK)).GetProperty("handled").GetInt32();
        }));
        Assert.InRange(runs.Sum(), 0, Transfers);

        // Closed once each: expired, and moved on by exactly one version.
        var after = await Eventually.Until(VersionsAsync, v => v.Values.All(t => t.Status == "expired"), what: "every transfer expired");
        Assert.Equal(ids.Order(), after.Keys.Order());
        Assert.All(ids, id => Assert.Equal(before[id].Version + 1, after[id].Version));

        async Task<Dictionary<Guid, (string Status, long Version)>> VersionsAsync()
        {
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT id, status, version FROM transfers", connection);
            var rows = new Dictionary<Guid, (string, long)>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows[reader.GetGuid(0)] = (reader.GetString(1), reader.GetInt64(2));
            }

            return rows;
        }
    }
}
