using System.Net;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using PartyGrid.AppHost.Backup;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.EndToEnd.Tests;

/// <summary>
/// A loaded demo county backed up with the dashboard's command, restored into a fresh data directory
/// and run again: every scorecard, every member (their personal data decrypted with the restored keys)
/// and every ticket is what it was. A wrong passphrase restores nothing.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class BackupRestoreTests
{
    private static readonly string Scripts = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "infra"));

    [Fact]
    public async Task A_demo_county_backed_up_and_restored_into_a_fresh_data_directory_is_the_same_county()
    {
        var passphrase = $"e2e passphrase {Guid.NewGuid():N}";
        var kept = TestServers.PrivateDirectory("partygrid-backup-");
        var backup = Path.Combine(kept, "county.pgbackup");
        County before;
        var original = PartyGridApp.LoadingTheDemoOnStart();
        try
        {
            await original.InitializeAsync();
            await original.DemoLoadedAsync();
            using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(6));
            before = await County.ReadAsync(original);

            var result = await original.App.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(
                "postgres",
                BackupCommands.BackUp,
                new InteractionInputCollection([new InteractionInput { Name = BackupCommands.PassphraseArgument, Label = "Passphrase", InputType = InputType.SecretText, Value = passphrase }]),
                patience.Token);
            Assert.True(result.Success, result.Message);
            File.Copy(Directory.GetFiles(BackupCommands.BackupsOf(original.DataDirectory)).Single(), backup);
        }
        finally
        {
            await original.DisposeAsync();
        }

        // The wrong passphrase: refused before anything is written.
        var refused = Path.Combine(kept, "refused");
        await Assert.ThrowsAsync<InvalidDataException>(() => LocalBackup.RestoreAsync(backup, refused, "not the passphrase", Scripts, CancellationToken.None));
        Assert.False(Directory.Exists(refused) && Directory.EnumerateFileSystemEntries(refused).Any());

        var restoredDirectory = Path.Combine(kept, "restored");
        await LocalBackup.RestoreAsync(backup, restoredDirectory, passphrase, Scripts, CancellationToken.None);
        var restored = PartyGridApp.OnDataDirectory(restoredDirectory);
        try
        {
            await restored.InitializeAsync();
            var after = await County.ReadAsync(restored);
            Assert.Equal(before.Tickets.Count, after.Tickets.Count);
            Assert.Equal(before.Tickets, after.Tickets);
            Assert.Equal(before.Members, after.Members);
            Assert.Equal(before.PersonalData, after.PersonalData);
            Assert.Equal(before.Scorecards, after.Scorecards);
        }
        finally
        {
            await restored.DisposeAsync();
            Directory.Delete(kept, recursive: true);
        }
    }

    /// <summary>What a county is to its people, as raw JSON by id: tickets, members, members' personal data, scorecards.</summary>
    private sealed record County(
        IReadOnlyDictionary<string, string> Tickets,
        IReadOnlyDictionary<string, string> Members,
        IReadOnlyDictionary<string, string> PersonalData,
        IReadOnlyDictionary<string, string> Scorecards)
    {
        public static async Task<County> ReadAsync(PartyGridApp app)
        {
            var organisations = new Organisations(app);
            var found = await organisations.GetJsonAsync("/api/v1/organisations?query=520321");
            var county = found.GetProperty("items").EnumerateArray().Single(o => o.GetProperty("code").GetString() == "520321").Id();
            var tree = await organisations.AllAsync($"/api/v1/organisations/{county}/subtree?depth=3");
            var tickets = await organisations.AllAsync($"/api/v1/tickets?orgId={county}&subtree=true");
            var members = await organisations.AllAsync($"/api/v1/members?orgId={county}&subtree=true");
            Assert.NotEmpty(tickets);
            Assert.NotEmpty(members);

            // One token per role for the hundreds of reads below (tokens are issued at a limited rate).
            var piiReader = await app.TokenAsync(county, "pii-reader");
            var viewer = await app.TokenAsync(county, "viewer");
            async Task<string> ReadAsync(string path, string token)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Add("X-Reason", "backup round trip");
                request.Headers.Authorization = new("Bearer", token);
                using var response = await app.Gateway.SendAsync(request);
                return (await Json.ReadAsync(response, HttpStatusCode.OK)).GetRawText();
            }

            var personalData = new Dictionary<string, string>();
            foreach (var member in members)
            {
                personalData[member.Id().ToString()] = await ReadAsync($"/api/v1/members/{member.Id()}/personal-data", piiReader);
            }

            // Scorecards are projections: read once every event is sent and two readings agree.
            foreach (var service in PartyGrid.AppHost.Infrastructure.LocalInfrastructure.Databases)
            {
                await Eventually.Until(() => UnsentAsync(app, service), unsent => unsent == 0, what: $"{service}'s outbox sent");
            }

            var previous = new Dictionary<string, string>();
            var scorecards = await Eventually.Until(
                async () =>
                {
                    var reading = new Dictionary<string, string>();
                    foreach (var organisation in tree)
                    {
                        reading[organisation.Id().ToString()] = await ReadAsync($"/api/v1/assessments/{organisation.Id()}?scope=subtree", viewer);
                    }

                    (previous, var before) = (reading, previous);
                    return (Reading: reading, Settled: reading.Count == before.Count && reading.All(r => before.GetValueOrDefault(r.Key) == r.Value));
                },
                r => r.Settled,
                what: "the scorecards settled");
            return new County(ById(tickets), ById(members), personalData, scorecards.Reading);
        }

        private static async Task<long> UnsentAsync(PartyGridApp app, string service)
        {
            await using var connection = new Npgsql.NpgsqlConnection(await app.ConnectionStringAsync(service));
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL", connection);
            return (long)(await command.ExecuteScalarAsync())!;
        }

        private static Dictionary<string, string> ById(List<JsonElement> items) => items.ToDictionary(i => i.Id().ToString(), i => i.GetRawText());
    }
}
