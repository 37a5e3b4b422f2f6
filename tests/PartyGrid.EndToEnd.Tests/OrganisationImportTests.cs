using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit;

namespace PartyGrid.EndToEnd.Tests;

[Collection(EndToEndCollection.Name)]
public sealed class OrganisationImportTests(PartyGridApp app)
{
    private readonly Organisations organisations = new(app);

    private async Task<HttpResponseMessage> ImportAsync(HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/organisations/import") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(Organisations.AnyOrg, "admin"));
        return await app.Gateway.SendAsync(request);
    }

    [Fact]
    public async Task A_csv_tree_is_imported_parents_first_and_a_second_import_only_updates()
    {
        var p = $"I{Guid.NewGuid():N}"[..10];
        var csv = $"code,name,tier,area,kind,parentCode\n{p}-V,\"新舟村\",village,rural,branch,{p}-T\n{p}-T,新舟镇,township,rural,committee,{p}-C\n{p}-C,\"遵义县, 新区\",county,rural,committee,\n";

        using (var response = await ImportAsync(new StringContent(csv, Encoding.UTF8, "text/csv")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var summary = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(3, summary.RootElement.GetProperty("created").GetInt32());
        }

        var found = await organisations.GetJsonAsync($"/api/v1/organisations?query={p}-C");
        var county = found.GetProperty("items")[0];
        Assert.Equal("遵义县, 新区", county.GetProperty("name").GetString());
        var subtree = await organisations.GetJsonAsync($"/api/v1/organisations/{county.GetProperty("id").GetGuid()}/subtree");
        Assert.Equal(3, subtree.GetProperty("items").GetArrayLength());

        using var again = await ImportAsync(new StringContent(csv.Replace("新舟镇", "新舟镇（改）", StringComparison.Ordinal), Encoding.UTF8, "text/csv"));
        using var second = JsonDocument.Parse(await again.Content.ReadAsStringAsync());
        Assert.Equal((0, 1, 2), (second.RootElement.GetProperty("created").GetInt32(), second.RootElement.GetProperty("updated").GetInt32(), second.RootElement.GetProperty("unchanged").GetInt32()));
    }

    [Fact]
    public async Task Ten_thousand_rows_with_one_bad_row_are_rejected_whole_with_the_row_named()
    {
        var p = $"J{Guid.NewGuid():N}"[..10];
        var rows = new List<object> { new { code = $"{p}-C", name = "县", tier = "county", area = "rural", kind = "committee" } };
        for (var t = 0; t < 10; t++)
        {
            rows.Add(new { code = $"{p}-T{t}", name = "镇", tier = "township", area = "rural", kind = "committee", parentCode = $"{p}-C" });
            for (var v = 0; v < 999; v++)
            {
                rows.Add(new { code = $"{p}-T{t}-V{v}", name = "村", tier = t == 6 && v == 500 ? "villlage" : "village", area = "rural", kind = "branch", parentCode = $"{p}-T{t}" });
            }
        }

        // Row numbers: the county is row 1, township t is row 2 + 1000t, its village v row 3 + 1000t + v.
        Assert.True(rows.Count >= 10_000);
        using var response = await ImportAsync(JsonContent.Create(new { organisations = rows }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("import-rejected", problem.RootElement.GetProperty("code").GetString());
        var bad = Assert.Single(problem.RootElement.GetProperty("rows").EnumerateArray());
        Assert.Equal((2 + (6 * 1000) + 1 + 500, "tier"), (bad.GetProperty("row").GetInt32(), bad.GetProperty("field").GetString()));

        var nothing = await organisations.GetJsonAsync($"/api/v1/organisations?query={p}-C");
        Assert.Equal(0, nothing.GetProperty("items").GetArrayLength());
    }
}
