using System.Net;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.EndToEnd.Tests;

/// <summary>The demo county: loaded by the dashboard command through the public API, complete, and the same however often it is loaded.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class DemoCountyTests(PartyGridApp app)
{
    private readonly Organisations organisations = new(app);

    [Fact]
    public async Task The_dashboard_command_loads_the_demo_county_and_loading_again_changes_nothing()
    {
        await LoadAsync();
        var county = await CountyAsync();
        var first = await FiguresAsync(county);

        // 1 county, 8 townships × 6 villages (the first two with 2 groups each), 1 street with 3 communities.
        Assert.Equal(1 + 8 + 48 + 32 + 1 + 3, first.Organisations);
        Assert.Equal(2 + (9 + 51) * 4, first.Members);
        // This month's tickets live, and six months of history imported from the register (4 a month per village, 2 per township).
        Assert.Equal(51 * 8 + 9 * 4 + 6 * (51 * 4 + 9 * 2), first.Tickets);
        Assert.Equal(3, first.Pairings);

        // Every way a ticket rests: waiting, being worked, waiting for the requester, settled, withdrawn (history is all closed).
        Assert.Equal("accepted,cancelled,closed,submitted,suspended", first.Statuses);

        // The first run shows real league tables: every township scored.
        var league = await Eventually.Until(
            async () => await organisations.GetJsonAsync($"/api/v1/assessments/{county}/league"),
            l => l.GetProperty("items").EnumerateArray().Count(i => i.GetProperty("score").ValueKind == JsonValueKind.Number) == 9,
            within: TimeSpan.FromSeconds(60), what: "the demo county's league");
        Assert.Contains(league.GetProperty("items").EnumerateArray(), i => i.GetProperty("list").GetString() == "red");

        // Six months of history: a figure in every month, bad ratings counted (satisfaction under 100 %),
        // rectifications measured, and months that differ from one another.
        var china = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        var thisMonth = new DateOnly(china.Year, china.Month, 1);
        var trend = (await Eventually.Until(
            async () => await organisations.GetJsonAsync($"/api/v1/assessments/{county}/trend?from={thisMonth.AddMonths(-6):yyyy-MM}&to={thisMonth.AddMonths(-1):yyyy-MM}"),
            t => t.EnumerateArray().All(p => p.GetProperty("indicators").GetProperty("satisfactionRate").ValueKind == JsonValueKind.Number),
            within: TimeSpan.FromSeconds(60), what: "six months of the county's trend")).EnumerateArray().ToList();
        Assert.Equal(6, trend.Count);
        Assert.All(trend, p => Assert.InRange(p.GetProperty("indicators").GetProperty("satisfactionRate").GetDecimal(), 0.5m, 0.99m));
        Assert.Contains(trend, p => p.GetProperty("indicators").GetProperty("rectificationRate") is { ValueKind: JsonValueKind.Number } r && r.GetDecimal() > 0);
        Assert.True(trend.Select(p => p.GetProperty("score").GetDecimal()).Distinct().Count() > 1);

        // The demo accounts sign in with the run's demo password: a village clerk sees its queue.
        var signIn = new SignIn.StaffSignIn(app);
        var clerk = await signIn.SignInAsync("demo-clerk", await app.ParameterAsync("demo-password"));
        using (var queue = await signIn.SendAsync(clerk.AccessToken, HttpMethod.Get, "/api/v1/tickets?limit=5"))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, queue.StatusCode);
        }

        var accounts = await organisations.AllAsync("/api/v1/staff?search=demo-");
        Assert.Equal(DemoAccountCount, accounts.Count(a => a.GetProperty("userName").GetString()!.StartsWith("demo-", StringComparison.Ordinal)));

        await LoadAsync();
        Assert.Equal(first, await FiguresAsync(county));
        Assert.Equal(accounts.Count, (await organisations.AllAsync("/api/v1/staff?search=demo-")).Count);
    }

    // demo-admin, demo-pii, demo-clerk, demo-township; an org-admin and a clerk per township (8); three village clerks.
    private const int DemoAccountCount = 4 + 8 * 2 + 3;

    private async Task LoadAsync()
    {
        var before = app.App.ResourceNotifications.TryGetCurrentState("demo-data", out var earlier) ? earlier.Snapshot.StopTimeStamp : null;
        var command = await app.ExecuteAsync("gateway", "load-demo-county");
        Assert.True(command.Success, command.Message);
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        var done = await app.App.ResourceNotifications.WaitForResourceAsync(
            "demo-data",
            e => e.Snapshot.State?.Text == KnownResourceStates.Finished && e.Snapshot.StopTimeStamp != before,
            patience.Token);
        Assert.Equal(0, done.Snapshot.ExitCode);
    }

    private async Task<Guid> CountyAsync()
    {
        var found = await organisations.GetJsonAsync("/api/v1/organisations?query=520321");
        return found.GetProperty("items").EnumerateArray().Single(o => o.GetProperty("code").GetString() == "520321").Id();
    }

    private async Task<Figures> FiguresAsync(Guid county)
    {
        var tree = await organisations.AllAsync($"/api/v1/organisations/{county}/subtree?depth=3");
        var tickets = await organisations.AllAsync($"/api/v1/tickets?orgId={county}&subtree=true");
        var members = await organisations.AllAsync($"/api/v1/members?orgId={county}&subtree=true");
        var pairings = await organisations.AllAsync($"/api/v1/pairings?orgId={county}");
        return new Figures(
            tree.Count, members.Count, tickets.Count, pairings.Count,
            string.Join(",", tickets.Select(t => t.GetProperty("status").GetString()).Distinct().Order()));
    }

    private sealed record Figures(int Organisations, int Members, int Tickets, int Pairings, string Statuses);
}
