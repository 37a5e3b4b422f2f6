using System.Globalization;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.Http;

namespace PartyGrid.ServiceDefaults.Import;

/// <summary>One data row of an import file by column name, numbered as a clerk counts rows below the header (1-based).</summary>
public sealed record ImportRecord(int Row, IReadOnlyDictionary<string, string?> Fields)
{
    public string? this[string column] => Fields.GetValueOrDefault(column);
}

/// <summary>
/// Reads the files offices keep their registers in, for the all-or-nothing imports: CSV in UTF-8 or
/// GBK (what Excel saves here), an Excel workbook (<c>.xlsx</c>, its first sheet), or JSON (an array of
/// objects). Every cell arrives as trimmed text (null when blank) under its header's name; the import
/// then checks each field itself and names the row. A file that cannot be read at all is a
/// <see cref="FormatException"/> saying why.
/// </summary>
public static class ImportFiles
{
    public const string XlsxMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The request's file as records with the given columns; <paramref name="required"/> columns must be in the header.</summary>
    public static async Task<IReadOnlyList<ImportRecord>> ReadAsync(
        HttpRequest request, string jsonArray, IReadOnlyList<string> columns, IReadOnlyList<string> required, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        var type = Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed : null;
        var media = type?.MediaType.Value ?? "application/json";
        if (media.Equals(XlsxMediaType, StringComparison.OrdinalIgnoreCase))
        {
            return Records(ReadXlsx(bytes), columns, required);
        }

        var text = Decode(bytes, type?.Charset.Value);
        return media.Equals("text/csv", StringComparison.OrdinalIgnoreCase)
            ? Records(ParseCsv(text), columns, required)
            : FromJson(text, jsonArray, columns);
    }

    /// <summary>Records from a header row and data rows, columns matched by name ignoring case.</summary>
    public static IReadOnlyList<ImportRecord> Records(List<List<string>> rows, IReadOnlyList<string> columns, IReadOnlyList<string> required)
    {
        if (rows.Count == 0)
        {
            throw new FormatException("The file is empty.");
        }

        var header = rows[0].Select(h => h.Trim()).ToList();
        var index = columns.ToDictionary(c => c, c => header.FindIndex(h => string.Equals(h, c, StringComparison.OrdinalIgnoreCase)));
        var missing = required.Where(c => index[c] < 0).ToList();
        if (missing.Count > 0)
        {
            throw new FormatException($"The header lacks: {string.Join(", ", missing)}.");
        }

        return rows.Skip(1)
            .Select((r, i) => new ImportRecord(i + 1, columns.ToDictionary(c => c, c => index[c] is var at and >= 0 && at < r.Count ? Blank(r[at]) : null)))
            .ToList();
    }

    private static IReadOnlyList<ImportRecord> FromJson(string text, string array, IReadOnlyList<string> columns)
    {
        using var document = JsonDocument.Parse(text);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty(array, out var items) || items.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"The file has no '{array}' array.");
        }

        return items.EnumerateArray().Select((item, i) => new ImportRecord(i + 1, columns.ToDictionary(c => c, c =>
                item.ValueKind == JsonValueKind.Object && item.TryGetProperty(c, out var value)
                    ? value.ValueKind switch
                    {
                        JsonValueKind.Null or JsonValueKind.Undefined => null,
                        JsonValueKind.String => Blank(value.GetString()),
                        _ => value.GetRawText(),
                    }
                    : null)))
            .ToList();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>
    /// The first sheet of a workbook as rows of text. Shared and inline strings are read as written;
    /// a number formatted as a date or time is written as <c>yyyy-MM-ddTHH:mm:ss</c> (China time, as
    /// offices enter it), other numbers in invariant form.
    /// </summary>
    public static List<List<string>> ReadXlsx(byte[] bytes)
    {
        try
        {
            using var stream = new MemoryStream(bytes);
            using var document = SpreadsheetDocument.Open(stream, false);
            var workbook = document.WorkbookPart ?? throw new FormatException("The workbook has no sheets.");
            var sheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new FormatException("The workbook has no sheets.");
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
            var strings = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
            var dateStyles = DateStyles(workbook);
            var rows = new List<List<string>>();
            foreach (var row in part.Worksheet.Descendants<Row>())
            {
                var cells = new List<string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = ColumnIndex(cell.CellReference?.Value);
                    while (cells.Count < column)
                    {
                        cells.Add(string.Empty);
                    }

                    cells.Add(Text(cell, strings, dateStyles));
                }

                if (cells.Any(c => c.Length > 0))
                {
                    rows.Add(cells);
                }
            }

            return rows;
        }
        catch (Exception ex) when (ex is DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or System.IO.InvalidDataException or InvalidOperationException)
        {
            throw new FormatException("The file is not an Excel workbook (.xlsx) that can be read.", ex);
        }
    }

    private static string Text(Cell cell, List<string> strings, HashSet<uint> dateStyles)
    {
        var raw = cell.CellValue?.Text ?? cell.InlineString?.InnerText ?? string.Empty;
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < strings.Count ? strings[i] : string.Empty;
        }

        if (cell.DataType is null && cell.StyleIndex?.Value is { } style && dateStyles.Contains(style)
            && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial))
        {
            return DateTime.FromOADate(serial).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
        }

        return raw;
    }

    /// <summary>The cell formats that show a number as a date or time: the built-in ones and custom codes with date or time letters.</summary>
    private static HashSet<uint> DateStyles(WorkbookPart workbook)
    {
        var stylesheet = workbook.WorkbookStylesPart?.Stylesheet;
        var custom = stylesheet?.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.FormatCode?.Value is { } code && IsDateCode(code))
            .Select(f => f.NumberFormatId!.Value)
            .ToHashSet() ?? [];
        var styles = new HashSet<uint>();
        var index = 0u;
        foreach (var format in stylesheet?.CellFormats?.Elements<CellFormat>() ?? [])
        {
            var id = format.NumberFormatId?.Value ?? 0;
            if (id is >= 14 and <= 22 or >= 45 and <= 47 || custom.Contains(id))
            {
                styles.Add(index);
            }

            index++;
        }

        return styles;
    }

    private static bool IsDateCode(string code)
    {
        var unquoted = string.Concat(code.Split('"').Where((_, i) => i % 2 == 0));
        return unquoted.Any(c => c is 'y' or 'Y' or 'd' or 'D' or 'h' or 'H') && !unquoted.Contains('#', StringComparison.Ordinal);
    }

    private static int ColumnIndex(string? reference)
    {
        var column = 0;
        foreach (var c in reference ?? string.Empty)
        {
            if (c is < 'A' or > 'Z')
            {
                break;
            }

            column = column * 26 + (c - 'A' + 1);
        }

        return Math.Max(column - 1, 0);
    }

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


    /// <summary>RFC 4180 records: quoted fields may hold commas, quotes (doubled) and line breaks; blank lines are skipped.</summary>
    public static List<List<string>> ParseCsv(string text)
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
