using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyGrid.Contracts;
using PartyGrid.Organisations.Data;
using PartyGrid.Organisations.Domain;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.Organisations.Tests;

/// <summary>
/// The reminder job in the running service, on a real organisations database, driven by the fake
/// clock and the operators' run-now endpoint. Moving the clock also wakes the job's own timer, so the
/// test reads what was published, not which run published it.
/// </summary>
public sealed class TermReminderJobTests : IAsyncLifetime
{
    // 2027-01-01 00:30 in Shanghai is still 2026-12-31 in UTC: the job must use Shanghai's date.
    private static readonly DateTimeOffset NewYearInShanghai = new(2026, 12, 31, 16, 30, 0, TimeSpan.Zero);
    private ServiceHost<Program> host = null!;

    public async Task InitializeAsync() => host = await ServiceHost<Program>.StartAsync(OrganisationsServiceExtensions.ServiceName);

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Each_reminder_is_published_once_on_the_right_Shanghai_day()
    {
        var term = await ElectVillageTermAsync(new DateOnly(2022, 7, 1));   // expires 2027-07-01
        host.Time.SetUtcNow(NewYearInShanghai);
        await RunAsync();
        Assert.Equal(0, await RunAsync());                                   // a second run the same day
        Assert.Equal([6], await RemindersAsync(term));

        host.Time.Advance(TimeSpan.FromDays(100));                           // 2027-04-11: between the two
        Assert.Equal(0, await RunAsync());
        Assert.Equal([6], await RemindersAsync(term));

        host.Time.SetUtcNow(new DateTimeOffset(2027, 5, 31, 16, 0, 0, TimeSpan.Zero)); // 2027-06-01 in Shanghai
        await RunAsync();
        Assert.Equal(0, await RunAsync());
        Assert.Equal([6, 1], await RemindersAsync(term));
    }

    [Fact]
    public async Task Two_replicas_running_the_job_at_once_send_each_reminder_once()
    {
        await using var replica = await ServiceHost<Program>.StartOnAsync(OrganisationsServiceExtensions.ServiceName, host.ConnectionString);
        // Enough terms that a run takes a while, so the runs below (and the timers the clocks wake) overlap.
        var terms = await ElectVillageTermsAsync(new DateOnly(2022, 7, 1), 1000);

        host.Time.SetUtcNow(NewYearInShanghai);
        replica.Time.SetUtcNow(NewYearInShanghai);
        var handled = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => RunAsync(i % 2 == 0 ? host : replica)));

        // The timers woke with the clocks too: what counts is what was published, once per term.
        Assert.True(handled.Sum() <= terms.Count, $"runs sent {string.Join(", ", handled)}");
        var reminders = await RemindersAsync();
        Assert.All(terms, term => Assert.Equal([6], reminders[term]));
    }

    private Task<int> RunAsync() => RunAsync(host);

    private static async Task<int> RunAsync(ServiceHost<Program> host)
    {
        using var admin = host.ClientAs(Guid.NewGuid(), "admin");
        var run = await Json.ReadAsync(await admin.PostAsync("/api/v1/organisations/jobs/term-reminders/run", null), HttpStatusCode.OK);
        return run.GetProperty("handled").GetInt32();
    }

    private async Task<Guid> ElectVillageTermAsync(DateOnly electedOn) => (await ElectVillageTermsAsync(electedOn, 1))[0];

    /// <summary>Villages of one township, each with a term elected on <paramref name="electedOn"/>.</summary>
    private async Task<List<Guid>> ElectVillageTermsAsync(DateOnly electedOn, int count)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrganisationsDbContext>();
        var now = host.Time.GetUtcNow();
        var county = Organisation.Register($"C{Guid.NewGuid():N}"[..20], "县", OrganisationTier.County, Area.Rural, OrganisationKind.Committee, null, now);
        var township = Organisation.Register($"T{Guid.NewGuid():N}"[..20], "镇", OrganisationTier.Township, Area.Rural, OrganisationKind.Committee, county, now);
        db.AddRange(county, township);
        var terms = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var village = Organisation.Register($"V{Guid.NewGuid():N}"[..20], "村", OrganisationTier.Village, Area.Rural, OrganisationKind.Branch, township, now);
            var term = Term.Elect(village, electedOn, null, null, ["书记"], now);
            db.AddRange(village, term);
            terms.Add(term.Id);
        }

        await db.SaveChangesAsync();
        return terms;
    }

    private async Task<List<int>> RemindersAsync(Guid termId) => (await RemindersAsync()).GetValueOrDefault(termId, []);

    private async Task<Dictionary<Guid, List<int>>> RemindersAsync()
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrganisationsDbContext>();
        var rows = await db.Set<OutboxMessage>().Where(m => m.EventName == TermExpiring.EventName).OrderBy(m => m.Id).ToListAsync();
        return rows.Select(r => (TermExpiring)r.Deserialize()).GroupBy(e => e.TermId).ToDictionary(g => g.Key, g => g.Select(e => e.MonthsLeft).ToList());
    }
}
