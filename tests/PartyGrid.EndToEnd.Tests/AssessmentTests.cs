using System.Net;
using System.Text.Json;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.EndToEnd.Tests;

/// <summary>Tickets and surveys through the gateway become the month's scorecards; a rebuild from the dashboard gives them back unchanged.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class AssessmentTests(PartyGridApp app)
{
    private readonly Organisations organisations = new(app);
    private readonly ServiceDatabases databases = new(app);

    [Fact]
    public async Task Tickets_handled_through_the_gateway_reach_the_scorecards_in_seconds_and_survive_a_rebuild()
    {
        var county = (await organisations.RegisterAsync("绥阳县", "county", "committee", null)).Id();
        var township = (await organisations.RegisterAsync("洋川镇", "township", "committee", county)).Id();
        var east = (await organisations.RegisterAsync("东门村", "village", "branch", township)).Id();
        var west = (await organisations.RegisterAsync("西门村", "village", "branch", township)).Id();
        foreach (var service in new[] { "tickets", "assessment" })
        {
            await Eventually.Until(() => databases.ProjectedOrganisationAsync(service, west), r => r is not null, what: $"{service} projection");
        }

        async Task<Guid> SubmitAsync(Guid village)
        {
            var body = new
            {
                intakeOrgId = village, category = "assistance", item = "elderly-care", title = "留守老人关爱", description = "独居老人需要定期探访",
                requester = new { name = "王桂芬", phone = "13985012345", address = "洋川镇" }, channel = "walk-in",
            };
            return (await Json.ReadAsync(await organisations.SendAsAsync(village, ["staff"], HttpMethod.Post, "/api/v1/tickets", body), HttpStatusCode.Created)).Id();
        }

        async Task ActAsync(Guid home, Guid ticket, string action, object? payload = null) =>
            await Json.ReadAsync(await organisations.SendAsAsync(home, ["staff"], HttpMethod.Post, $"/api/v1/tickets/{ticket}/{action}", payload ?? new { }), HttpStatusCode.OK);

        var settled = await SubmitAsync(east);
        await ActAsync(east, settled, "accept");
        await ActAsync(east, settled, "resolve", new { resolution = "材料齐全，已报镇民政办审批" });
        await ActAsync(township, settled, "rate", new { score = 5 });
        await SubmitAsync(east);
        var escalated = await SubmitAsync(west);
        await ActAsync(west, escalated, "escalate", new { reason = "需镇民政办核定" });
        var birth = new DateOnly(1975, 3, 14);
        var member = (await Json.ReadAsync(await organisations.SendAsAsync(east, ["org-admin"], HttpMethod.Post, "/api/v1/members", new
        {
            orgId = east, name = "杨光荣", gender = "male", birthDate = birth, idNumber = IdNumbers.For(birth, male: true, serial: 31), phone = "13985016789",
            joinedOn = new DateOnly(2003, 7, 1), status = "full",
        }), HttpStatusCode.Created)).Id();

        // The member reaches assessment's projection through the bus; the township, not the village itself, records the answer.
        await Eventually.Until(
            () => organisations.SendAsAsync(township, ["staff"], HttpMethod.Post, "/api/v1/surveys", new { orgId = east, respondent = "member", respondentMemberId = member, score = 5 }),
            r => r.StatusCode == HttpStatusCode.Created, what: "a member's survey answer");

        async Task<JsonElement> CardAsync(Guid org, string scope) =>
            await Json.ReadAsync(await organisations.SendAsAsync(county, ["viewer"], HttpMethod.Get, $"/api/v1/assessments/{org}?scope={scope}"), HttpStatusCode.OK);
        static long Count(JsonElement card, string name) => card.GetProperty("counts").GetProperty(name).GetInt64();

        var eastCard = await Eventually.Until(
            () => CardAsync(east, "own"), c => Count(c, "rated") == 1 && Count(c, "submitted") == 2,
            within: TimeSpan.FromSeconds(30), what: "east village's scorecard");
        Assert.Equal((1, 1, 1, 1), (Count(eastCard, "respondedOnTime"), Count(eastCard, "resolved"), Count(eastCard, "satisfiedRatings"), Count(eastCard, "memberAnswers")));
        Assert.Equal(0.5m, eastCard.GetProperty("indicators").GetProperty("responseRate").GetDecimal());
        var townshipCard = await Eventually.Until(
            () => CardAsync(township, "subtree"), c => Count(c, "escalated") == 1, within: TimeSpan.FromSeconds(30), what: "township's scorecard");
        Assert.Equal(3, Count(townshipCard, "submitted"));

        // Read as they come, answer and all: while the rebuild runs they are 404s or partial, then equal again.
        async Task<string> RawAsync(string path) =>
            await (await organisations.SendAsAsync(county, ["viewer"], HttpMethod.Get, path)).Content.ReadAsStringAsync();
        async Task<string[]> FiguresAsync() =>
        [
            await RawAsync($"/api/v1/assessments/{east}?scope=own"),
            await RawAsync($"/api/v1/assessments/{township}?scope=subtree"),
            await RawAsync($"/api/v1/assessments/{township}/league"),
        ];
        var before = await FiguresAsync();
        var league = JsonDocument.Parse(before[2]).RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("orgId").GetGuid()).ToList();
        Assert.Equal(2, league.Count);

        var rebuild = await app.ExecuteAsync("assessment", "rebuild-projections");
        Assert.True(rebuild.Success, rebuild.Message);
        await Eventually.Until(FiguresAsync, now => now.SequenceEqual(before), within: TimeSpan.FromSeconds(60), what: "the same scorecards after the rebuild");
    }

    [Fact]
    public async Task A_register_imported_through_the_gateway_counts_in_its_months_with_its_bad_rating_and_rectification()
    {
        var county = await organisations.RegisterAsync("湄潭县", "county", "committee", null);
        var township = await organisations.RegisterAsync("永兴镇", "township", "committee", county.Id());
        var village = await organisations.RegisterAsync("茶香村", "village", "branch", township.Id());
        await Eventually.Until(() => databases.ProjectedOrganisationAsync("tickets", village.Id()), r => r is not null, what: "tickets projection");
        await Eventually.Until(() => databases.ProjectedOrganisationAsync("assessment", village.Id()), r => r is not null, what: "assessment projection");
        var code = village.GetProperty("code").GetString();
        var reference = Guid.NewGuid().ToString("N")[..10];

        // August 2026 in the old register: one matter rated 5; one rated 2, rectified within its deadline and rated 4.
        var register = new
        {
            tickets = new object[]
            {
                new { externalRef = $"{reference}-1", intakeOrgCode = code, category = "assistance", item = "elderly-care", title = "留守老人探访",
                    submittedAt = "2026-08-04 09:00", acceptedAt = "2026-08-04 10:00", resolvedAt = "2026-08-07 16:00", rating = 5, ratedAt = "2026-08-08 09:00" },
                new { externalRef = $"{reference}-2", intakeOrgCode = code, category = "assistance", item = "elderly-care", title = "危房改造咨询",
                    submittedAt = "2026-08-03 09:00", acceptedAt = "2026-08-03 09:30", resolvedAt = "2026-08-05 17:00", rating = 2, ratedAt = "2026-08-06 09:00",
                    rectifiedAt = "2026-08-15 11:00", reRating = 4, reRatedAt = "2026-08-16 09:00" },
            },
        };
        var imported = await Json.ReadAsync(await organisations.SendAsAsync(county.Id(), ["admin"], HttpMethod.Post, "/api/v1/tickets/import", register), HttpStatusCode.OK);
        Assert.Equal(2, imported.GetProperty("imported").GetInt32());

        async Task<JsonElement> ReadAsync(string path) =>
            await Json.ReadAsync(await organisations.SendAsAsync(county.Id(), ["viewer"], HttpMethod.Get, path), HttpStatusCode.OK);
        var august = await Eventually.Until(
            () => ReadAsync($"/api/v1/assessments/{village.Id()}?period=2026-08&scope=own"),
            c => c.GetProperty("counts").GetProperty("rated").GetInt64() == 3, within: TimeSpan.FromSeconds(30), what: "August's scorecard");
        // Ratings 5, 2 and 4: two of three satisfied; the rectification fell due in August and was on time.
        Assert.Equal(0.6667m, august.GetProperty("indicators").GetProperty("satisfactionRate").GetDecimal());
        Assert.Equal(1m, august.GetProperty("indicators").GetProperty("rectificationRate").GetDecimal());
        Assert.Equal(0.5m, august.GetProperty("indicators").GetProperty("reopenRate").GetDecimal());

        var quarter = await ReadAsync($"/api/v1/assessments/{village.Id()}?period=2026-Q3&scope=own");
        Assert.Equal(august.GetProperty("counts").GetProperty("rated").GetInt64(), quarter.GetProperty("counts").GetProperty("rated").GetInt64());
        var trend = (await ReadAsync($"/api/v1/assessments/{village.Id()}/trend?from=2026-06&to=2026-11&scope=own")).EnumerateArray().ToList();
        Assert.Equal(["2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"], trend.Select(p => p.GetProperty("period").GetString()));
        var behind = await ReadAsync($"/api/v1/assessments/{village.Id()}/tickets?period=2026-08&scope=own&count=unsatisfiedRatings");
        var bad = Assert.Single(behind.GetProperty("items").EnumerateArray());
        Assert.Equal("危房改造咨询", bad.GetProperty("title").GetString());
        Assert.Equal("2026-08-06 评价 2 分", bad.GetProperty("reason").GetString());

        // The same register again with one new row: only the new row is written and counted.
        var again = new
        {
            tickets = register.tickets.Append(new
            {
                externalRef = $"{reference}-3", intakeOrgCode = code, category = "assistance", item = "elderly-care", title = "低保政策咨询",
                submittedAt = "2026-08-10 09:00", acceptedAt = "2026-08-10 09:10", resolvedAt = "2026-08-11 15:00", rating = 5, ratedAt = "2026-08-12 09:00",
            }).ToArray(),
        };
        var second = await Json.ReadAsync(await organisations.SendAsAsync(county.Id(), ["admin"], HttpMethod.Post, "/api/v1/tickets/import", again), HttpStatusCode.OK);
        Assert.Equal((1, 2), (second.GetProperty("imported").GetInt32(), second.GetProperty("alreadyImported").GetInt32()));
        var after = await Eventually.Until(
            () => ReadAsync($"/api/v1/assessments/{village.Id()}?period=2026-08&scope=own"),
            c => c.GetProperty("counts").GetProperty("rated").GetInt64() >= 4, within: TimeSpan.FromSeconds(30), what: "August with the new row");
        Assert.Equal(4, after.GetProperty("counts").GetProperty("rated").GetInt64());
        Assert.Equal(3, after.GetProperty("counts").GetProperty("resolved").GetInt64());
        Assert.Equal(0.75m, after.GetProperty("indicators").GetProperty("satisfactionRate").GetDecimal());
    }
}
