using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyGrid.Identity.Data;
using PartyGrid.Testing;

namespace PartyGrid.Identity.Tests;

[Collection(IdentityServiceCollection.Name)]
public sealed class StaffApiTests(IdentityService identity)
{
    private TestCounty County => identity.County;

    [Fact]
    public async Task An_org_admin_creates_accounts_in_its_subtree_with_the_roles_it_may_grant()
    {
        using var orgAdmin = identity.As(County.T1, "org-admin");
        using var inside = await orgAdmin.PostAsJsonAsync("/api/v1/staff", new { userName = $"a-{Guid.NewGuid():N}"[..16], displayName = "村专干", homeOrganisationId = County.A, roles = new[] { "staff" } });
        var created = await Json.ReadAsync(inside, HttpStatusCode.Created);
        Assert.True(created.GetProperty("account").GetProperty("mustChangePassword").GetBoolean());
        Assert.Equal(16, created.Text("initialPassword").Length);
    }

    [Theory]
    [InlineData("outside", "staff")]
    [InlineData("inside", "admin")]
    [InlineData("inside", "pii-reader")]
    public async Task An_org_admin_is_refused_outside_its_subtree_and_for_roles_only_admin_grants(string where, string role)
    {
        using var orgAdmin = identity.As(County.T1, "org-admin");
        var userName = $"r-{Guid.NewGuid():N}"[..16];
        using var response = await orgAdmin.PostAsJsonAsync("/api/v1/staff", new
        {
            userName, displayName = "越权", homeOrganisationId = where == "outside" ? County.D : County.A, roles = new[] { role },
        });
        await Json.ReadAsync(response, HttpStatusCode.Forbidden);
        Assert.False(await ExistsAsync(userName));
    }

    [Fact]
    public async Task An_org_admin_cannot_take_over_an_admin_homed_in_its_subtree()
    {
        var admin = await identity.CreateAsync(County.A, "admin");
        using var orgAdmin = identity.As(County.T1, "org-admin");
        foreach (var action in new[] { "reset-password", "disable", "reset-second-factor" })
        {
            using var response = await orgAdmin.PostAsync($"/api/v1/staff/{admin.Id()}/{action}", null);
            await Json.ReadAsync(response, HttpStatusCode.Forbidden);
        }

        using var demote = await orgAdmin.PutAsJsonAsync($"/api/v1/staff/{admin.Id()}/roles", new { roles = new[] { "staff" } });
        await Json.ReadAsync(demote, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Staff_and_viewers_manage_no_accounts_and_an_org_admin_sees_none_outside_its_subtree()
    {
        var elsewhere = await identity.CreateAsync(County.D, "staff");
        using var staff = identity.As(County.T1, "staff");
        using var list = await staff.GetAsync("/api/v1/staff");
        await Json.ReadAsync(list, HttpStatusCode.Forbidden);

        using var orgAdmin = identity.As(County.T1, "org-admin");
        using var get = await orgAdmin.GetAsync($"/api/v1/staff/{elsewhere.Id()}");
        await Json.ReadAsync(get, HttpStatusCode.NotFound);
        using var mine = await orgAdmin.GetAsync("/api/v1/staff?limit=200");
        var items = (await Json.ReadAsync(mine, HttpStatusCode.OK)).GetProperty("items").EnumerateArray().Select(a => a.Id()).ToList();
        Assert.DoesNotContain(elsewhere.Id(), items);
    }

    public static TheoryData<string, string, string, string> BadRequests() => new()
    {
        { "POST", "/api/v1/staff", """{"displayName":"x","homeOrganisationId":"{A}","roles":["staff"]}""", "userName" },
        { "POST", "/api/v1/staff", """{"userName":"Has Space","displayName":"x","homeOrganisationId":"{A}","roles":["staff"]}""", "userName" },
        { "POST", "/api/v1/staff", """{"userName":"okname","homeOrganisationId":"{A}","roles":["staff"]}""", "displayName" },
        { "POST", "/api/v1/staff", """{"userName":"okname","displayName":"x","homeOrganisationId":"nope","roles":["staff"]}""", "homeOrganisationId" },
        { "POST", "/api/v1/staff", """{"userName":"okname","displayName":"x","homeOrganisationId":"{X}","roles":["staff"]}""", "homeOrganisationId" },
        { "POST", "/api/v1/staff", """{"userName":"okname","displayName":"x","homeOrganisationId":"{A}","roles":["boss"]}""", "roles" },
        { "POST", "/api/v1/staff", """{"userName":"okname","displayName":"x","homeOrganisationId":"{A}","roles":[]}""", "roles" },
        { "POST", "/api/v1/staff", """{"userName":"okname","displayName":"x","homeOrganisationId":"{A}","roles":["staff"],"initialPassword":"short"}""", "initialPassword" },
        { "PUT", "/api/v1/staff/{id}/roles", """{"roles":["boss"]}""", "roles" },
        { "PUT", "/api/v1/staff/{id}/roles", """{}""", "roles" },
        { "GET", "/api/v1/staff?limit=0", "", "limit" },
        { "GET", "/api/v1/staff?cursor=nonsense", "", "cursor" },
        { "GET", "/api/v1/staff/audit?limit=9999", "", "limit" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_is_a_400_naming_the_field_and_stores_nothing(string method, string path, string body, string field)
    {
        var account = await identity.CreateAsync(County.A, "viewer");
        var before = await CountsAsync();
        using var admin = identity.Admin();
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", account.Id().ToString(), StringComparison.Ordinal));
        if (body.Length > 0)
        {
            request.Content = new StringContent(
                body.Replace("{A}", County.A.ToString(), StringComparison.Ordinal).Replace("{X}", County.X.ToString(), StringComparison.Ordinal),
                System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await admin.SendAsync(request);
        var problem = await Json.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, await CountsAsync());
        using var after = await admin.GetAsync($"/api/v1/staff/{account.Id()}");
        Assert.Equal(["viewer"], (await Json.ReadAsync(after, HttpStatusCode.OK)).GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Every_change_is_audited_and_an_org_admin_reads_only_its_subtree()
    {
        var inT1 = await identity.CreateAsync(County.B, "staff");
        var inT2 = await identity.CreateAsync(County.D, "staff");
        using var admin = identity.Admin();
        using (var roles = await admin.PutAsJsonAsync($"/api/v1/staff/{inT1.Id()}/roles", new { roles = new[] { "staff", "viewer" } }))
        {
            await Json.ReadAsync(roles, HttpStatusCode.OK);
        }

        using var orgAdmin = identity.As(County.T1, "org-admin");
        using var audit = await orgAdmin.GetAsync("/api/v1/staff/audit?limit=200");
        var entries = (await Json.ReadAsync(audit, HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(entries, e => e.GetProperty("accountId").GetGuid() == inT1.Id() && e.Text("action") == "roles-changed" && e.Text("actor").StartsWith("test-", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.GetProperty("accountId").GetGuid() == inT2.Id());
    }

    [Fact]
    public async Task Development_tokens_do_not_exist_unless_enabled()
    {
        using var client = identity.Host.CreateClient();
        using var response = await client.PostAsJsonAsync("/dev/token", new { sub = "mallory", orgId = County.C, roles = new[] { "admin" } });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<bool> ExistsAsync(string userName)
    {
        await using var scope = identity.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccountsDbContext>().Users.AnyAsync(a => a.UserName == userName);
    }

    private async Task<(int Accounts, int Audit)> CountsAsync()
    {
        await using var scope = identity.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        return (await db.Users.CountAsync(), await db.AccountAudit.CountAsync());
    }
}
