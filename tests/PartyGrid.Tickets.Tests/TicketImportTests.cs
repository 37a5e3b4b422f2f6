using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Npgsql;
using PartyGrid.Testing;

namespace PartyGrid.Tickets.Tests;

/// <summary>History import (台账): finished tickets with their original times, all or nothing, once per external reference.</summary>
[Collection(TicketsServiceCollection.Name)]
public sealed class TicketImportTests(TicketsService service)
{
    private const string Header = "externalRef,intakeOrgCode,category,item,title,submittedAt,acceptedAt,escalatedAt,resolvedAt,rating,ratedAt,rectifiedAt,reRating,reRatedAt";

    private HttpClient Admin => service.As(service.County.C, "admin");

    /// <summary>A county of its own, so imported tickets never show in other tests' lists.</summary>
    private async Task<TestCounty> CountyAsync()
    {
        var county = new TestCounty();
        await county.ProjectInto(service.Host.ConnectionString);
        return county;
    }

    [Fact]
    public async Task A_register_of_ten_thousand_rows_with_one_bad_row_is_rejected_whole_and_the_row_is_named()
    {
        var prefix = Guid.NewGuid().ToString("N")[..8];
        var village = TestCounty.Code((await CountyAsync()).A);
        var csv = new StringBuilder(Header).Append('\n');
        for (var i = 1; i <= 10_000; i++)
        {
            var rating = i == 7_345 ? "6" : "5";
            csv.Append(RegisterLine(prefix, i, village, rating)).Append('\n');
        }

        var refused = await Admin.PostAsync("/api/v1/tickets/import", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
        var problem = await Json.ReadAsync(refused, HttpStatusCode.UnprocessableEntity);
        var row = Assert.Single(problem.GetProperty("rows").EnumerateArray());
        Assert.Equal((7_345, "rating"), (row.GetProperty("row").GetInt32(), row.GetProperty("field").GetString()));
        Assert.Equal(0, await ImportedAsync(prefix));
    }

    private static string RegisterLine(string prefix, int i, string village, string rating) =>
        $"{prefix}-{i},{village},dispute,neighbour-dispute,邻里纠纷 {i},2026-05-0{1 + i % 9} 09:00,2026-05-0{1 + i % 9} 10:00,,2026-05-1{i % 9} 16:30,{rating},2026-05-2{i % 9} 09:00,,,";

    [Fact]
    public async Task A_register_imported_twice_writes_each_reference_once_with_its_original_times_and_history()
    {
        var county = await CountyAsync();
        var prefix = Guid.NewGuid().ToString("N")[..8];
        var file = new
        {
            tickets = new object[]
            {
                new { externalRef = $"{prefix}-1", intakeOrgCode = TestCounty.Code(county.A), category = "dispute", item = "neighbour-dispute", title = "宅基地纠纷",
                    submittedAt = "2026-05-06 09:00", acceptedAt = "2026-05-06 11:00", resolvedAt = "2026-05-08 15:00", rating = 5, ratedAt = "2026-05-09 10:00" },
                new { externalRef = $"{prefix}-2", intakeOrgCode = TestCounty.Code(county.G), category = "dispute", item = "neighbour-dispute", title = "水渠纠纷",
                    submittedAt = "2026-06-02 09:00", escalatedAt = "2026-06-10 09:00", resolvedAt = "2026-06-15 17:00" },
                new { externalRef = $"{prefix}-3", intakeOrgCode = TestCounty.Code(county.A), category = "dispute", item = "neighbour-dispute", title = "噪音扰民",
                    submittedAt = "2026-07-01 09:00", resolvedAt = "2026-07-03 09:00", rating = 2, ratedAt = "2026-07-04 09:00",
                    rectifiedAt = "2026-07-10 09:00", reRating = 4, reRatedAt = "2026-07-11 09:00" },
            },
        };

        Assert.Equal(HttpStatusCode.Forbidden, (await service.As(county.C, "org-admin").PostAsJsonAsync("/api/v1/tickets/import", file)).StatusCode);
        var first = await Json.ReadAsync(await Admin.PostAsJsonAsync("/api/v1/tickets/import", file), HttpStatusCode.OK);
        Assert.Equal((3, 0), (first.GetProperty("imported").GetInt32(), first.GetProperty("alreadyImported").GetInt32()));
        var again = await Json.ReadAsync(await Admin.PostAsJsonAsync("/api/v1/tickets/import", file), HttpStatusCode.OK);
        Assert.Equal((0, 3), (again.GetProperty("imported").GetInt32(), again.GetProperty("alreadyImported").GetInt32()));
        Assert.Equal(3, await ImportedAsync(prefix));

        var escalated = await SnapshotAsync($"{prefix}-2");
        // Taken in at the group, worked by its village, escalated to the township and resolved there, in June.
        Assert.Equal(("group", "township", 1, "township"), (escalated.Text("intakeTier"), escalated.Text("currentTier"), escalated.GetProperty("escalationCount").GetInt32(), escalated.Text("resolvedTier")));
        Assert.Equal(new DateTimeOffset(2026, 6, 15, 17, 0, 0, TimeSpan.FromHours(8)), escalated.GetProperty("resolvedAt").GetDateTimeOffset());
        Assert.True(escalated.GetProperty("imported").GetBoolean());
        Assert.StartsWith("PG-2026-", escalated.Text("number"), StringComparison.Ordinal);

        var rectified = await SnapshotAsync($"{prefix}-3");
        Assert.Equal("closed", rectified.Text("status"));
        Assert.Equal([2, 4], rectified.GetProperty("ratings").EnumerateArray().Select(r => r.GetProperty("score").GetInt32()));
        var reopening = Assert.Single(rectified.GetProperty("reopenings").EnumerateArray());
        Assert.True(reopening.GetProperty("rectification").GetBoolean());
        Assert.Equal(new DateTimeOffset(2026, 7, 10, 9, 0, 0, TimeSpan.FromHours(8)), reopening.GetProperty("rectifiedAt").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 7, 3, 9, 0, 0, TimeSpan.FromHours(8)), rectified.GetProperty("firstResolution").GetProperty("at").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_workbook_as_offices_keep_it_is_imported_and_bad_files_and_rows_are_refused_with_their_reason()
    {
        var county = await CountyAsync();
        var prefix = Guid.NewGuid().ToString("N")[..8];
        var item = (await Json.ReadAsync(await Admin.GetAsync("/api/v1/ticket-categories"), HttpStatusCode.OK))
            .GetProperty("categories").EnumerateArray().First(c => c.Text("category") == "consultation").GetProperty("items")[0].Text("code");
        var workbook = Workbook(
            ["externalRef", "intakeOrgCode", "category", "item", "title", "submittedAt", "resolvedAt"],
            [$"{prefix}-x", TestCounty.Code(county.B), "consultation", item, "政策咨询", new DateTime(2026, 8, 3, 9, 30, 0), new DateTime(2026, 8, 3, 11, 0, 0)]);
        var content = new ByteArrayContent(workbook);
        content.Headers.ContentType = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        Assert.Equal(1, (await Json.ReadAsync(await Admin.PostAsync("/api/v1/tickets/import", content), HttpStatusCode.OK)).GetProperty("imported").GetInt32());
        var snapshot = await SnapshotAsync($"{prefix}-x");
        Assert.Equal(new DateTimeOffset(2026, 8, 3, 9, 30, 0, TimeSpan.FromHours(8)), snapshot.GetProperty("submittedAt").GetDateTimeOffset());

        var garbage = new ByteArrayContent([1, 2, 3, 4]);
        garbage.Headers.ContentType = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        Assert.Equal("unreadable-file", (await Json.ReadAsync(await Admin.PostAsync("/api/v1/tickets/import", garbage), HttpStatusCode.BadRequest)).Text("code"));

        var bad = $"{Header}\n{prefix}-y,nosuchorg,dispute,neighbour-dispute,t,2026-05-01 09:00,,,2026-04-30 09:00,,,,,\n{prefix}-z,{TestCounty.Code(county.A)},dispute,neighbour-dispute,t,2099-01-01 09:00,,,2099-01-02 09:00,,,,,\n";
        var rows = (await Json.ReadAsync(await Admin.PostAsync("/api/v1/tickets/import", new StringContent(bad, Encoding.UTF8, "text/csv")), HttpStatusCode.UnprocessableEntity))
            .GetProperty("rows").EnumerateArray().Select(r => (r.GetProperty("row").GetInt32(), r.Text("field"))).ToList();
        Assert.Contains((1, "intakeOrgCode"), rows);
        Assert.Contains((1, "resolvedAt"), rows);
        Assert.Contains((2, "submittedAt"), rows);
        Assert.Equal(0, await ImportedAsync(prefix + "-y") + await ImportedAsync(prefix + "-z"));
    }

    private static byte[] Workbook(string[] header, object?[] row)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font()), new Fills(new Fill()), new Borders(new Border()),
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 22, ApplyNumberFormat = true }));
            var sheet = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(new Row(header.Select(h => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(h)) })));
            data.Append(new Row(row.Select(value => value switch
            {
                DateTime at => new Cell { CellValue = new CellValue(at.ToOADate()), StyleIndex = 1 },
                null => new Cell(),
                var text => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text.ToString()!)) },
            })));
            sheet.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "台账" }));
        }

        return stream.ToArray();
    }

    private async Task<long> ImportedAsync(string prefix)
    {
        await using var connection = new NpgsqlConnection(service.Host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM tickets WHERE submitted_by = 'import' AND external_ref LIKE @prefix || '%'", connection);
        command.Parameters.AddWithValue("prefix", prefix);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<JsonElement> SnapshotAsync(string externalRef)
    {
        await using var connection = new NpgsqlConnection(service.Host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM tickets WHERE submitted_by = 'import' AND external_ref = @ref", connection);
        command.Parameters.AddWithValue("ref", externalRef);
        var id = (Guid)(await command.ExecuteScalarAsync())!;
        return (await service.EventsAsync(id)).Last(e => e.Name == "ticket-changed").Body;
    }
}
