using System.Text.Json;
using PartyGrid.ServiceDefaults.Import;

namespace PartyGrid.Organisations.Import;

/// <summary>
/// Reads an import file: JSON (<c>{ "organisations": [ { code, name, tier, area, kind, parentCode } ] }</c>),
/// or CSV (RFC 4180 quoting) or an Excel workbook with the header <c>code,name,tier,area,kind,parentCode</c>. Row numbers
/// are 1-based data rows in both, so a report names the line a clerk sees in the spreadsheet (+1).
/// </summary>
public static class ImportFile
{
    private static readonly string[] Columns = ["code", "name", "tier", "area", "kind", "parentCode"];

    private static readonly string[] Required = ["code", "name", "tier", "area", "kind"];

    public sealed record JsonFile(List<JsonRow>? Organisations);

    public sealed record JsonRow(string? Code, string? Name, string? Tier, string? Area, string? Kind, string? ParentCode);

    public static IReadOnlyList<ImportRow> FromJson(string text)
    {
        var file = JsonSerializer.Deserialize<JsonFile>(text, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new FormatException("The file is empty.");
        return (file.Organisations ?? throw new FormatException("The file has no 'organisations' array."))
            .Select((r, i) => new ImportRow(i + 1, r.Code, r.Name, r.Tier, r.Area, r.Kind, Blank(r.ParentCode)))
            .ToList();
    }

    public static IReadOnlyList<ImportRow> FromCsv(string text) => FromRows(ImportFiles.ParseCsv(text));

    /// <summary>Rows of a CSV or a workbook's first sheet, the header naming the columns.</summary>
    public static IReadOnlyList<ImportRow> FromRows(List<List<string>> rows) =>
        ImportFiles.Records(rows, Columns, Required)
            .Select(r => new ImportRow(r.Row, r["code"], r["name"], r["tier"], r["area"], r["kind"], r["parentCode"]))
            .ToList();

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
