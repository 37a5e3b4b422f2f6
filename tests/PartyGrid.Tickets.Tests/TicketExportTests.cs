using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PartyGrid.ServiceDefaults.Import;
using PartyGrid.Testing;

namespace PartyGrid.Tickets.Tests;

/// <summary>The queue's Excel export, opened with the Open XML SDK: the rows and figures of the list for the same filter.</summary>
[Collection(TicketsServiceCollection.Name)]
public sealed class TicketExportTests(TicketsService service)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static async Task<List<List<string>>> SheetAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ImportFiles.XlsxMediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.StartsWith("工单-", response.Content.Headers.ContentDisposition?.FileNameStar, StringComparison.Ordinal);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        return ImportFiles.ReadXlsx(await response.Content.ReadAsByteArrayAsync());
    }

    private async Task<List<JsonElement>> ListAllAsync(HttpClient client, string filter)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await Json.ReadAsync(await client.GetAsync($"/api/v1/tickets?{filter}&limit=200{(cursor is null ? "" : $"&cursor={cursor}")}"), HttpStatusCode.OK);
            items.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return items;
    }

    private static readonly Dictionary<string, string> Words = new() { ["closed"] = "已关闭", ["resolved"] = "已办结", ["reopened"] = "整改中" };

    private static string China(JsonElement instant) => instant.ValueKind == JsonValueKind.Null ? string.Empty :
        TimeZoneInfo.ConvertTime(instant.GetDateTimeOffset(), Shanghai).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_county_of_six_hundred_tickets_exports_exactly_the_listed_rows_in_order_with_their_figures()
    {
        var county = new TestCounty();
        await county.ProjectInto(service.Host.ConnectionString);
        var prefix = Guid.NewGuid().ToString("N")[..8];
        var csv = new StringBuilder("externalRef,intakeOrgCode,category,item,title,submittedAt,resolvedAt,rating,ratedAt\n");
        for (var i = 1; i <= 600; i++)
        {
            var village = TestCounty.Code(i % 3 == 0 ? county.B : county.A);
            csv.Append(CultureInfo.InvariantCulture, $"{prefix}-{i},{village},dispute,neighbour-dispute,纠纷 {i},2026-05-0{1 + i % 9} 09:{i % 60:00},2026-05-1{i % 9} 16:30,{1 + i % 5},2026-05-2{i % 9} 09:00\n");
        }

        var imported = await Json.ReadAsync(
            await service.As(county.C, "admin").PostAsync("/api/v1/tickets/import", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv")), HttpStatusCode.OK);
        Assert.Equal(600, imported.GetProperty("imported").GetInt32());

        var head = service.As(county.T1, "viewer");
        var filter = $"orgId={county.T1}&subtree=true&category=dispute";
        var listed = await ListAllAsync(head, filter);
        var sheet = await SheetAsync(await head.GetAsync($"/api/v1/tickets/export?{filter}"));

        Assert.Equal(600, listed.Count);
        Assert.Equal(["工单编号", "标题", "类别", "服务事项", "受理站点", "当前站点", "当前层级", "状态"], sheet[0].Take(8));
        var rows = sheet.Skip(1).ToList();
        Assert.Equal(listed.Select(t => t.Text("number")), rows.Select(r => r[0]));
        for (var i = 0; i < listed.Count; i++)
        {
            var (t, row) = (listed[i], rows[i]);
            Assert.Equal(t.Text("title"), row[1]);
            Assert.Equal("纠纷调解", row[2]);
            Assert.Equal(Words[t.Text("status")], row[7]);
            Assert.Equal(t.GetProperty("requester").Text("phone"), row.ElementAtOrDefault(11) ?? string.Empty);
            Assert.Equal(China(t.GetProperty("submittedAt")), row[12]);
            Assert.Equal(China(t.GetProperty("resolvedAt")), row[15]);
            Assert.Equal(t.GetProperty("reopenCount").GetInt32().ToString(CultureInfo.InvariantCulture), row[20]);
            Assert.Equal(t.GetProperty("overdue").GetBoolean() ? "是" : "否", row[16]);
            Assert.Equal(t.GetProperty("rating").GetInt32().ToString(CultureInfo.InvariantCulture), row[21]);
        }

        Assert.Equal(400, rows.Count(r => r[4] == TestCounty.Code(county.A)));
        Assert.Equal(200, rows.Count(r => r[4] == TestCounty.Code(county.B)));

        // The list read newest first holds the same tickets backwards.
        var newest = await Json.ReadAsync(await head.GetAsync($"/api/v1/tickets?{filter}&sort=newest&limit=3"), HttpStatusCode.OK);
        Assert.Equal(listed.TakeLast(3).Reverse().Select(t => t.Id()), newest.GetProperty("items").EnumerateArray().Select(t => t.Id()));
    }

    [Fact]
    public async Task A_title_that_looks_like_a_formula_stays_text_and_the_requester_stays_masked()
    {
        var county = service.County;
        var ticket = await service.SubmitAsync(county.G, new
        {
            intakeOrgId = county.G,
            category = "dispute",
            item = "neighbour-dispute",
            title = "=HYPERLINK(\"http://example.invalid\")\u0007",
            description = "公式注入",
            requester = new { name = "王大妈", phone = "13985123456", address = "石板村三组" },
            channel = "walk-in",
        });

        var sheet = await SheetAsync(await service.As(county.T1, "viewer").GetAsync($"/api/v1/tickets/export?orgId={county.T1}&subtree=true&status=submitted"));
        var row = sheet.Single(r => r[0] == ticket.Text("number"));
        Assert.Equal("=HYPERLINK(\"http://example.invalid\")", row[1]);
        Assert.Equal("待签收", row[7]);
        Assert.Equal("139****3456", row[11]);
        Assert.Equal("王**", row[10]);
    }

    [Fact]
    public async Task An_export_refuses_a_bad_filter_by_field_and_an_organisation_outside_the_callers_scope()
    {
        var county = service.County;
        var clerk = service.Staff(county.A);
        var problem = await Json.ReadAsync(await clerk.GetAsync($"/api/v1/tickets/export?orgId={county.A}&status=lost"), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("status", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.GetAsync($"/api/v1/tickets/export?orgId={county.T1}")).StatusCode);
        var sort = await Json.ReadAsync(await clerk.GetAsync($"/api/v1/tickets?orgId={county.A}&sort=due"), HttpStatusCode.BadRequest);
        Assert.True(sort.GetProperty("errors").TryGetProperty("sort", out _));
    }
}
