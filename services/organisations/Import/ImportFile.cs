using System.Text;
using System.Text.Json;

namespace PartyGrid.Organisations.Import;

/// <summary>
/// Reads an import file: JSON (<c>{ "organisations": [ { code, name, tier, area, kind, parentCode } ] }</c>)
/// or CSV with the header <c>code,name,tier,area,kind,parentCode</c> (RFC 4180 quoting). Row numbers
/// are 1-based data rows in both, so a report names the line a clerk sees in the spreadsheet (+1).
/// </summary>
public static class ImportFile
{
    private static readonly string[] Columns = ["code", "name", "tier", "area", "kind", "parentCode"];

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

    public static IReadOnlyList<ImportRow> FromCsv(string text)
    {
        var records = ParseCsv(text);
        if (records.Count == 0)
        {
            throw new FormatException("The file is empty.");
        }

        var header = records[0].Select(h => h.Trim()).ToList();
        var index = Columns.ToDictionary(c => c, c => header.FindIndex(h => string.Equals(h, c, StringComparison.OrdinalIgnoreCase)));
        var missing = index.Where(p => p.Value < 0 && p.Key != "parentCode").Select(p => p.Key).ToList();
        if (missing.Count > 0)
        {
            throw new FormatException($"The header lacks: {string.Join(", ", missing)}.");
        }

        string? Field(List<string> record, string column) =>
            index[column] is var i and >= 0 && i < record.Count ? Blank(record[i]) : null;

        return records.Skip(1)
            .Select((r, i) => new ImportRow(i + 1, Field(r, "code"), Field(r, "name"), Field(r, "tier"), Field(r, "area"), Field(r, "kind"), Field(r, "parentCode")))
            .ToList();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static List<List<string>> ParseCsv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    record.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    record.Add(field.ToString());
                    field.Clear();
                    AddRecord(records, record);
                    record = [];
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }

        if (quoted)
        {
            throw new FormatException("A quoted field is not closed.");
        }

        record.Add(field.ToString());
        AddRecord(records, record);
        return records;
    }

    private static void AddRecord(List<List<string>> records, List<string> record)
    {
        if (record.Count > 1 || record[0].Length > 0)
        {
            records.Add(record);
        }
    }
}
