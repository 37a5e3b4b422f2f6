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

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The file's text. UTF-8 (with or without a byte-order mark) unless the request names another
    /// charset; a CSV that is not valid UTF-8 is read as GB18030 (which contains GBK, what Excel saves
    /// here by default) when it is valid as that; anything else is refused, never imported garbled.
    /// </summary>
    public static string Decode(byte[] bytes, string? charset)
    {
        if (charset is { Length: > 0 } && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            return charset.ToLowerInvariant() is "gbk" or "gb2312" or "gb18030" or "cp936"
                ? Strict(Gb18030(), bytes) ?? throw new FormatException($"The file is not valid {charset}.")
                : throw new FormatException($"Files are read as UTF-8 or GBK, not {charset}.");
        }

        var utf8 = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? bytes[Encoding.UTF8.Preamble.Length..] : bytes;
        return Strict(StrictUtf8, utf8)
            ?? Strict(Gb18030(), bytes)
            ?? throw new FormatException("The file is neither UTF-8 nor GBK text; save it as CSV UTF-8 and import again.");
    }

    private static Encoding Gb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    private static string? Strict(Encoding encoding, byte[] bytes)
    {
        try
        {
            return encoding.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

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
