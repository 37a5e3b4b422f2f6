using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using PartyGrid.Contracts;
using PartyGrid.Organisations.Data;
using PartyGrid.Organisations.Domain;
using PartyGrid.Organisations.Jobs;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.Organisations.Tests;

/// <summary>The reminder job against a real organisations database, with time under the test's control.</summary>
public sealed class TermReminderJobTests : IAsyncLifetime
{
    // 2027-01-01 00:30 in Shanghai is still 2026-12-31 in UTC: the job must use Shanghai's date.
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 31, 16, 30, 0, TimeSpan.Zero));
    private IHost host = null!;

    public async Task InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:organisations-db"] = await TestServers.CreateDatabaseAsync("orgs");
        builder.Configuration["ConnectionStrings:rabbitmq"] = "amqp://guest:guest@127.0.0.1:1/";
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.AddOrganisationsServices();
        host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OrganisationsDbContext>().Database.MigrateAsync();
    }

    public Task DisposeAsync()
    {
        host.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Each_reminder_is_published_once_on_the_right_Shanghai_day()
    {
        var term = await ElectVillageTermAsync(new DateOnly(2022, 7, 1));   // expires 2027-07-01
        var job = ActivatorUtilities.CreateInstance<TermReminderJob>(host.Services);

        Assert.Equal(1, await job.RunOnceAsync(CancellationToken.None));
        Assert.Equal(0, await job.RunOnceAsync(CancellationToken.None));   // a second run the same day
        Assert.Equal([6], await RemindersAsync(term));

        time.Advance(TimeSpan.FromDays(100));                                // 2027-04-11: between the two
        Assert.Equal(0, await job.RunOnceAsync(CancellationToken.None));

        time.SetUtcNow(new DateTimeOffset(2027, 5, 31, 16, 0, 0, TimeSpan.Zero)); // 2027-06-01 in Shanghai
        Assert.Equal(1, await job.RunOnceAsync(CancellationToken.None));
        Assert.Equal(0, await job.RunOnceAsync(CancellationToken.None));
        Assert.Equal([6, 1], await RemindersAsync(term));
    }

    private async Task<Guid> ElectVillageTermAsync(DateOnly electedOn)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrganisationsDbContext>();
        var now = time.GetUtcNow();
        var county = Organisation.Register($"C{Guid.NewGuid():N}"[..20], "县", OrganisationTier.County, Area.Rural, OrganisationKind.Committee, null, now);
        var township = Organisation.Register($"T{Guid.NewGuid():N}"[..20], "镇", OrganisationTier.Township, Area.Rural, OrganisationKind.Committee, county, now);
        var village = Organisation.Register($"V{Guid.NewGuid():N}"[..20], "村", OrganisationTier.Village, Area.Rural, OrganisationKind.Branch, township, now);
        var term = Term.Elect(village, electedOn, null, null, ["书记"], now);
        db.AddRange(county, township, village, term);
        await db.SaveChangesAsync();
        return term.Id;
    }

    private async Task<List<int>> RemindersAsync(Guid termId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrganisationsDbContext>();
        var rows = await db.Set<OutboxMessage>().Where(m => m.EventName == TermExpiring.EventName).OrderBy(m => m.Id).ToListAsync();
        return rows.Select(r => (TermExpiring)r.Deserialize()).Where(e => e.TermId == termId).Select(e => e.MonthsLeft).ToList();
    }
}
