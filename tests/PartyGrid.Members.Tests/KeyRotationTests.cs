using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Npgsql;
using PartyGrid.Members.Data;
using PartyGrid.ServiceDefaults.PersonalData;
using PartyGrid.Testing;

namespace PartyGrid.Members.Tests;

/// <summary>
/// A personal-data key rotation on one database: the service restarted with new keys and the old ones
/// as previous reads and finds everything, its job moves every row to the new keys, and after the old
/// keys are dropped nothing is lost.
/// </summary>
public sealed class KeyRotationTests
{
    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task Rows_written_under_old_keys_are_moved_to_the_new_ones_and_stay_readable_and_findable()
    {
        var (oldEncryption, oldLookup, newEncryption, newLookup) = (NewKey(), NewKey(), NewKey(), NewKey());
        var county = new TestCounty();
        var members = new List<(Guid Id, string IdNumber, string Phone)>();
        string database;
        await using (var before = await ServiceHost<Program>.StartAsync(MembersServiceExtensions.ServiceName, Keys(oldEncryption, oldLookup)))
        {
            database = before.ConnectionString;
            await county.ProjectInto(database);
            for (var n = 1; n <= 3; n++)
            {
                var idNumber = IdNumbers.For(new DateOnly(1971, 2, 3).AddDays(n * 41), male: true, serial: n);
                var phone = $"1371234{n:D4}";
                var body = new
                {
                    orgId = county.A, name = "赵六", gender = "male", birthDate = new DateOnly(1971, 2, 3).AddDays(n * 41), idNumber, phone,
                    joinedOn = new DateOnly(2001, 7, 1), status = "full",
                };
                var created = await Json.ReadAsync(await before.ClientAs(county.C, "admin").PostAsJsonAsync("/api/v1/members", body), HttpStatusCode.Created);
                members.Add((created.Id(), idNumber, phone));
            }
        }

        var rotating = Keys(newEncryption, newLookup);
        rotating["PersonalData:PreviousEncryptionKeys:0"] = oldEncryption;
        rotating["PersonalData:PreviousLookupKey"] = oldLookup;
        await using (var during = await ServiceHost<Program>.StartOnAsync(MembersServiceExtensions.ServiceName, database, rotating))
        {
            await RotateAsync(during, county.C);
            var header = during.Get<PersonalDataProtector>().CurrentHeader;
            Assert.All(await CiphersAsync(database), c => Assert.True(c.AsSpan().StartsWith(header)));
            Assert.Equal(0, await RotateAsync(during, county.C));
        }

        await using var after = await ServiceHost<Program>.StartOnAsync(MembersServiceExtensions.ServiceName, database, Keys(newEncryption, newLookup));
        var looker = after.ClientFor("rotation-looker", county.C, "admin");
        looker.DefaultRequestHeaders.Add("X-Reason", Uri.EscapeDataString("密钥轮换核对"));
        foreach (var (id, idNumber, phone) in members)
        {
            var shown = await Json.ReadAsync(await after.ClientAs(county.C, "admin").GetAsync($"/api/v1/members/{id}"), HttpStatusCode.OK);
            Assert.Equal($"{idNumber[..4]}**********{idNumber[^4..]}", shown.Text("idNumber"));
            Assert.Equal($"{phone[..3]}****{phone[^4..]}", shown.Text("phone"));
            var found = await Json.ReadAsync(await looker.PostAsJsonAsync("/api/v1/members/lookup", new { idNumber, phone }), HttpStatusCode.OK);
            Assert.Equal(id, Assert.Single(found.GetProperty("items").EnumerateArray()).Id());
        }
    }

    [Fact]
    public async Task During_a_lookup_key_change_search_finds_rows_the_job_has_not_reached()
    {
        var (encryption, oldLookup, newLookup) = (NewKey(), NewKey(), NewKey());
        var county = new TestCounty();
        var idNumber = IdNumbers.For(new DateOnly(1966, 8, 9), male: true, serial: 7);
        Guid id;
        string database;
        await using (var before = await ServiceHost<Program>.StartAsync(MembersServiceExtensions.ServiceName, Keys(encryption, oldLookup)))
        {
            database = before.ConnectionString;
            await county.ProjectInto(database);
            var body = new
            {
                orgId = county.A, name = "钱七", gender = "male", birthDate = new DateOnly(1966, 8, 9), idNumber, phone = "13712340099",
                joinedOn = new DateOnly(2001, 7, 1), status = "full",
            };
            id = (await Json.ReadAsync(await before.ClientAs(county.C, "admin").PostAsJsonAsync("/api/v1/members", body), HttpStatusCode.Created)).Id();
        }

        // The job would move the row at start-up; a row it has not reached yet is simulated by undoing its work.
        var oldRow = await CiphersAsync(database, "id_number_lookup");
        var rotating = Keys(encryption, newLookup);
        rotating["PersonalData:PreviousLookupKey"] = oldLookup;
        await using var during = await ServiceHost<Program>.StartOnAsync(MembersServiceExtensions.ServiceName, database, rotating);
        await RotateAsync(during, county.C);
        Assert.NotEqual(oldRow, await CiphersAsync(database, "id_number_lookup"));
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var restore = new NpgsqlCommand("UPDATE members SET id_number_lookup = @l", connection);
            restore.Parameters.AddWithValue("l", oldRow.Single());
            await restore.ExecuteNonQueryAsync();
        }

        var looker = during.ClientFor("rotation-looker", county.C, "admin");
        looker.DefaultRequestHeaders.Add("X-Reason", Uri.EscapeDataString("密钥轮换核对"));
        var found = await Json.ReadAsync(await looker.PostAsJsonAsync("/api/v1/members/lookup", new { idNumber }), HttpStatusCode.OK);
        Assert.Equal(id, Assert.Single(found.GetProperty("items").EnumerateArray()).Id());
    }

    private static Dictionary<string, string> Keys(string encryption, string lookup) => new()
    {
        ["PersonalData:EncryptionKey"] = encryption,
        ["PersonalData:LookupKey"] = lookup,
    };

    private static async Task<List<byte[]>> CiphersAsync(string database, string column = "id_number_cipher")
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT {column} FROM members UNION ALL SELECT phone_cipher FROM members WHERE @all", connection);
        command.Parameters.AddWithValue("all", column == "id_number_cipher");
        var values = new List<byte[]>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add((byte[])reader.GetValue(0));
        }

        return values;
    }

    /// <summary>The re-encryption as operators run it now (the dashboard's command): the rows it moved.</summary>
    private static async Task<int> RotateAsync(ServiceHost<Program> host, Guid adminHome)
    {
        using var admin = host.ClientAs(adminHome, "admin");
        var run = await Json.ReadAsync(await admin.PostAsync("/api/v1/members/jobs/personal-data-rotation/run", null), HttpStatusCode.OK);
        return run.GetProperty("handled").GetInt32();
    }

}
