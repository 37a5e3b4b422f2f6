using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.EndToEnd.Tests;

[Collection(EndToEndCollection.Name)]
public sealed class OrganisationTreeTests(PartyGridApp app)
{
    private readonly Organisations organisations = new(app);
    private readonly ServiceDatabases databases = new(app);

    private static Guid Id(JsonElement e) => e.GetProperty("id").GetGuid();

    private static string Path(JsonElement e) => e.GetProperty("path").GetString()!;

    private static List<Guid> Ids(JsonElement list) => list.GetProperty("items").EnumerateArray().Select(Id).ToList();

    [Fact]
    public async Task Children_subtree_ancestors_and_search_read_the_tree()
    {
        var county = await organisations.RegisterAsync("正安县", "county", "committee", null);
        var township = await organisations.RegisterAsync("安场镇", "township", "committee", Id(county));
        var village = await organisations.RegisterAsync("自强村", "village", "branch", Id(township));
        var group = await organisations.RegisterAsync("自强村一组", "group", "group", Id(village));

        Assert.Equal([Id(township)], Ids(await organisations.GetJsonAsync($"/api/v1/organisations/{Id(county)}/children")));
        Assert.Equal(
            [Id(county), Id(township), Id(village), Id(group)],
            Ids(await organisations.GetJsonAsync($"/api/v1/organisations/{Id(county)}/subtree")));
        Assert.Equal(
            [Id(county), Id(township)],
            Ids(await organisations.GetJsonAsync($"/api/v1/organisations/{Id(county)}/subtree?depth=1")));
        Assert.Equal(
            [Id(county), Id(township), Id(village)],
            Ids(await organisations.GetJsonAsync($"/api/v1/organisations/{Id(group)}/ancestors")));

        // Page by page, parents first, nothing twice; a cursor it did not give is a 400.
        var listed = new List<Guid>();
        string? next = null;
        do
        {
            var one = await organisations.GetJsonAsync($"/api/v1/organisations/{Id(county)}/subtree?limit=1{(next is null ? string.Empty : $"&cursor={next}")}");
            listed.AddRange(Ids(one));
            next = one.GetProperty("nextCursor").GetString();
        }
        while (next is not null && listed.Count < 10);
        Assert.Equal([Id(county), Id(township), Id(village), Id(group)], listed);
        using (var forged = await organisations.SendAsync(HttpMethod.Get, $"/api/v1/organisations/{Id(county)}/subtree?cursor=bm90LWEtY3Vyc29y"))
        {
            Assert.True((await Json.ReadAsync(forged, System.Net.HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("cursor", out _));
        }

        foreach (var depth in new[] { "-1", "4", "2147483647" })
        {
            using var outOfRange = await organisations.SendAsync(HttpMethod.Get, $"/api/v1/organisations/{Id(county)}/subtree?depth={depth}");
            var problem = await Json.ReadAsync(outOfRange, System.Net.HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("depth", out _));
        }

        var byName = await organisations.GetJsonAsync($"/api/v1/organisations?query={Uri.EscapeDataString("自强村")}&tier=village");
        Assert.Equal([Id(village)], Ids(byName));

        var first = await organisations.GetJsonAsync($"/api/v1/organisations?parentId={Id(village)}&limit=1");
        Assert.Equal([Id(group)], Ids(first));
        Assert.Equal(JsonValueKind.Null, first.GetProperty("nextCursor").ValueKind);

        var paged = await organisations.GetJsonAsync($"/api/v1/organisations?query={Uri.EscapeDataString("自强村")}&limit=1");
        var cursor = paged.GetProperty("nextCursor").GetString();
        Assert.NotNull(cursor);
        var second = await organisations.GetJsonAsync($"/api/v1/organisations?query={Uri.EscapeDataString("自强村")}&limit=1&cursor={cursor}");
        Assert.Equal([Id(village), Id(group)], Ids(paged).Concat(Ids(second)).Order().ToList());

        using var badTier = await organisations.SendAsync(HttpMethod.Get, "/api/v1/organisations?tier=province");
        Assert.Equal(HttpStatusCode.BadRequest, badTier.StatusCode);
    }

    [Fact]
    public async Task Moving_a_township_moves_its_whole_subtree_in_every_service()
    {
        var from = await organisations.RegisterAsync("绥阳县", "county", "committee", null);
        var to = await organisations.RegisterAsync("凤冈县", "county", "committee", null);
        var township = await organisations.RegisterAsync("洋川镇", "township", "committee", Id(from));
        var village = await organisations.RegisterAsync("城南社区", "village", "branch", Id(township), "urban");
        var group = await organisations.RegisterAsync("城南社区一组", "group", "group", Id(village), "urban");

        using (var intoOwnSubtree = await organisations.SendAsync(HttpMethod.Post, $"/api/v1/organisations/{Id(township)}/move", new { newParentId = Id(village) }))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, intoOwnSubtree.StatusCode);
            Assert.Contains("move-into-own-subtree", await intoOwnSubtree.Content.ReadAsStringAsync());
        }

        using (var moved = await organisations.SendAsync(HttpMethod.Post, $"/api/v1/organisations/{Id(township)}/move", new { newParentId = Id(to) }))
        {
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        var expected = new Dictionary<Guid, string>
        {
            [Id(township)] = $"{Path(to)}.{Id(township):N}",
            [Id(village)] = $"{Path(to)}.{Id(township):N}.{Id(village):N}",
            [Id(group)] = $"{Path(to)}.{Id(township):N}.{Id(village):N}.{Id(group):N}",
        };
        foreach (var (id, path) in expected)
        {
            var current = await organisations.GetJsonAsync($"/api/v1/organisations/{id}");
            Assert.Equal(path, Path(current));
            Assert.Equal(2, current.GetProperty("version").GetInt64());
            foreach (var service in PartyGridApp.ProjectionServices)
            {
                var row = await Eventually.Until(() => databases.ProjectedPathAsync(service, id), r => r?.Version == 2, what: $"{service} sees {id} moved");
                Assert.Equal(path, row!.Value.Path);
            }
        }

        Assert.Equal(Id(to), (await organisations.GetJsonAsync($"/api/v1/organisations/{Id(township)}")).GetProperty("parentId").GetGuid());
        Assert.Empty(Ids(await organisations.GetJsonAsync($"/api/v1/organisations/{Id(from)}/children")));
    }

    [Fact]
    public async Task Dissolving_with_a_merge_target_reaches_every_projection_and_the_dissolved_organisation_takes_no_children()
    {
        var county = await organisations.RegisterAsync("习水县", "county", "committee", null);
        var merged = await organisations.RegisterAsync("东皇镇", "township", "committee", Id(county));
        var target = await organisations.RegisterAsync("温水镇", "township", "committee", Id(county));

        using (var refused = await organisations.SendAsync(HttpMethod.Post, $"/api/v1/organisations/{Id(county)}/dissolve", new { reason = "撤县" }))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("has-active-children", await refused.Content.ReadAsStringAsync());
        }

        using (var dissolved = await organisations.SendAsync(
            HttpMethod.Post, $"/api/v1/organisations/{Id(merged)}/dissolve", new { reason = "乡镇撤并", mergeIntoId = Id(target) }))
        {
            Assert.Equal(HttpStatusCode.OK, dissolved.StatusCode);
        }

        var now = await organisations.GetJsonAsync($"/api/v1/organisations/{Id(merged)}");
        Assert.Equal(("dissolved", Id(target)), (now.GetProperty("status").GetString(), now.GetProperty("mergedIntoId").GetGuid()));
        foreach (var service in PartyGridApp.ProjectionServices)
        {
            var status = await Eventually.Until(
                () => databases.ProjectedStatusAsync(service, Id(merged)), s => s == "dissolved", what: $"{service} sees the dissolution");
            Assert.Equal("dissolved", status);
        }

        using var child = await organisations.SendAsync(HttpMethod.Post, "/api/v1/organisations", new
        {
            code = $"E2E-{Guid.NewGuid():N}"[..20], name = "新村", tier = "village", area = "rural", kind = "branch", parentId = Id(merged),
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, child.StatusCode);
        Assert.Contains("parent-dissolved", await child.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Coverage_counts_descendants_with_an_open_service_site_per_tier()
    {
        var county = await organisations.RegisterAsync("道真县", "county", "committee", null);
        var township = await organisations.RegisterAsync("玉溪镇", "township", "committee", Id(county));
        var villages = new List<JsonElement>();
        for (var i = 0; i < 4; i++)
        {
            villages.Add(await organisations.RegisterAsync($"玉溪村{i}", "village", "branch", Id(township)));
        }

        async Task<HttpStatusCode> SetSite(JsonElement organisation, bool open)
        {
            using var response = await organisations.SendAsync(HttpMethod.Put, $"/api/v1/organisations/{Id(organisation)}/service-site", new
            {
                name = "综合服务站", address = "村委会", phone = "0851-1234567", openingHours = "周一至周五 9:00-17:00",
                windows = new[] { "党务", "民政", "社保" }, staffOnDuty = new[] { "值班员" }, open,
            });
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await SetSite(township, open: true));
        Assert.Equal(HttpStatusCode.OK, await SetSite(villages[0], open: true));
        Assert.Equal(HttpStatusCode.OK, await SetSite(villages[1], open: true));
        Assert.Equal(HttpStatusCode.OK, await SetSite(villages[2], open: false));

        var coverage = (await organisations.GetJsonAsync($"/api/v1/organisations/{Id(county)}/coverage")).GetProperty("byTier");
        Assert.Equal((1, 1, 1.0), Tier(coverage, "township"));
        Assert.Equal((4, 2, 0.5), Tier(coverage, "village"));
        Assert.Equal((0, 0, 0.0), Tier(coverage, "group"));

        var site = await organisations.GetJsonAsync($"/api/v1/organisations/{Id(villages[2])}/service-site");
        Assert.False(site.GetProperty("open").GetBoolean());
        Assert.Equal(new[] { "党务", "民政", "社保" }, site.GetProperty("windows").EnumerateArray().Select(w => w.GetString()!).ToArray());

        using var bad = await organisations.SendAsync(HttpMethod.Put, $"/api/v1/organisations/{Id(township)}/service-site", new { name = "" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("openingHours", await bad.Content.ReadAsStringAsync());
    }

    private static (int Total, int WithSite, double Rate) Tier(JsonElement byTier, string tier)
    {
        var t = byTier.GetProperty(tier);
        return (t.GetProperty("total").GetInt32(), t.GetProperty("withSite").GetInt32(), t.GetProperty("rate").GetDouble());
    }

    [Fact]
    public async Task An_election_records_a_term_of_the_statutory_length()
    {
        var county = await organisations.RegisterAsync("余庆县", "county", "committee", null);
        var township = await organisations.RegisterAsync("白泥镇", "township", "committee", Id(county));
        var village = await organisations.RegisterAsync("满溪村", "village", "branch", Id(township));

        using (var elected = await organisations.SendAsync(HttpMethod.Post, $"/api/v1/organisations/{Id(village)}/terms", new { electedOn = "2024-01-10", committee = new[] { "张三", "李四" } }))
        {
            Assert.Equal(HttpStatusCode.Created, elected.StatusCode);
            using var term = JsonDocument.Parse(await elected.Content.ReadAsStringAsync());
            Assert.Equal("2029-01-10", term.RootElement.GetProperty("expiresOn").GetString());
        }

        // A new election supersedes the term in office; the list shows the new one first, as current.
        using (await organisations.SendAsync(HttpMethod.Post, $"/api/v1/organisations/{Id(village)}/terms", new { electedOn = "2026-03-02", committee = new[] { "王五" } }))
        {
        }

        using (var listed = await organisations.SendAsync(HttpMethod.Get, $"/api/v1/organisations/{Id(village)}/terms"))
        {
            using var terms = JsonDocument.Parse(await listed.Content.ReadAsStringAsync());
            Assert.Equal(
                [("2031-03-02", true), ("2029-01-10", false)],
                terms.RootElement.EnumerateArray().Select(t => (t.GetProperty("expiresOn").GetString(), t.GetProperty("current").GetBoolean())));
        }

        using var wrongLength = await organisations.SendAsync(HttpMethod.Post, $"/api/v1/organisations/{Id(township)}/terms", new { electedOn = "2024-01-10", years = 5 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongLength.StatusCode);
        Assert.Contains("term-length", await wrongLength.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_taken_code_is_409_and_bad_fields_are_named()
    {
        var code = $"E2E-{Guid.NewGuid():N}"[..20];
        using (var first = await organisations.RegisterCountyAsync(code, "赤水市"))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        using (var again = await organisations.RegisterCountyAsync(code, "赤水市"))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Contains("code-taken", await again.Content.ReadAsStringAsync());
        }

        using var bad = await organisations.SendAsync(HttpMethod.Post, "/api/v1/organisations", new { code = "x", name = "y", tier = "county", area = "suburban", kind = "club" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("area", out _) && errors.TryGetProperty("kind", out _));
        Assert.False(errors.TryGetProperty("tier", out _));
    }

    [Fact]
    public async Task A_registration_retried_with_its_idempotency_key_creates_one_organisation()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { code = $"IDEM-{Guid.NewGuid():N}"[..20], name = "幂等县", tier = "county", area = "rural", kind = "committee" };
        async Task<HttpResponseMessage> SendAsync(object content)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/organisations") { Content = JsonContent.Create(content) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(Organisations.AnyOrg, "admin"));
            request.Headers.Add("Idempotency-Key", key);
            return await app.Gateway.SendAsync(request);
        }

        using var first = await SendAsync(body);
        using var second = await SendAsync(body);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        using var other = await SendAsync(body with { name = "另一个县" });
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        var found = await organisations.GetJsonAsync($"/api/v1/organisations?query={body.code}");
        Assert.Equal(1, found.GetProperty("items").GetArrayLength());
    }
}
