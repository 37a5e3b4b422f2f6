using System.Net;
using System.Text.Json;
using Xunit;

namespace PartyGrid.EndToEnd.Tests;

[Collection(EndToEndCollection.Name)]
public sealed class OrganisationScopeTests(PartyGridApp app)
{
    private readonly Organisations organisations = new(app);

    private static Guid Id(JsonElement e) => e.GetProperty("id").GetGuid();

    private async Task<HttpStatusCode> StatusAsync(Guid home, string role, HttpMethod method, string path, object? body = null)
    {
        using var response = await organisations.SendAsAsync(home, [role], method, path, body);
        return response.StatusCode;
    }

    private static object Village(Guid parentId) => new
    {
        code = $"E2E-{Guid.NewGuid():N}"[..20], name = "村", tier = "village", area = "rural", kind = "branch", parentId,
    };

    [Fact]
    public async Task Each_role_reads_and_writes_only_what_its_subtree_and_role_allow()
    {
        var county = await organisations.RegisterAsync("务川县", "county", "committee", null);
        var home = await organisations.RegisterAsync("都濡镇", "township", "committee", Id(county));
        var sibling = await organisations.RegisterAsync("丰乐镇", "township", "committee", Id(county));
        var h = Id(home);

        // org-admin: its subtree only. Reads outside are 404; writes outside 403, or 400 when they name an
        // organisation the caller cannot see (the same answer as naming none).
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(h, "org-admin", HttpMethod.Get, $"/api/v1/organisations/{h}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(h, "org-admin", HttpMethod.Get, $"/api/v1/organisations/{Id(sibling)}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(h, "org-admin", HttpMethod.Get, $"/api/v1/organisations/{Id(county)}"));
        Assert.Equal(HttpStatusCode.Created, await StatusAsync(h, "org-admin", HttpMethod.Post, "/api/v1/organisations", Village(h)));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusAsync(h, "org-admin", HttpMethod.Post, "/api/v1/organisations", Village(Id(sibling))));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(h, "org-admin", HttpMethod.Post, $"/api/v1/organisations/{Id(sibling)}/dissolve", new { reason = "x" }));

        // Lists are cut to the subtree too.
        using (var list = await organisations.SendAsAsync(h, ["org-admin"], HttpMethod.Get, $"/api/v1/organisations?parentId={Id(county)}"))
        {
            using var body = JsonDocument.Parse(await list.Content.ReadAsStringAsync());
            Assert.Equal([h], body.RootElement.GetProperty("items").EnumerateArray().Select(Id).ToList());
        }

        // viewer and staff read their subtree and change nothing in it.
        foreach (var role in new[] { "viewer", "staff" })
        {
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(h, role, HttpMethod.Get, $"/api/v1/organisations/{h}/subtree"));
            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(h, role, HttpMethod.Get, $"/api/v1/organisations/{Id(sibling)}/subtree"));
            Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(h, role, HttpMethod.Post, "/api/v1/organisations", Village(h)));
        }

        using var stillNamed = await organisations.SendAsync(HttpMethod.Get, $"/api/v1/organisations/{h}");
        Assert.Contains("都濡镇", await stillNamed.Content.ReadAsStringAsync());

        // Only admin registers a county.
        var county2 = new { code = $"E2E-{Guid.NewGuid():N}"[..20], name = "县", tier = "county", area = "rural", kind = "committee" };
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(h, "org-admin", HttpMethod.Post, "/api/v1/organisations", county2));
    }
}
