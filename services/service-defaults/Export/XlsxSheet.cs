using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using PartyGrid.ServiceDefaults.Hosting;

namespace PartyGrid.ServiceDefaults.Export;

/// <summary>A column of an exported sheet: its Chinese header and its width in characters.</summary>
public sealed record XlsxColumn(string Header, double Width = 14);

/// <summary>A fraction (0.75) shown in the sheet as a percentage (75.0%), kept as the number the API gives.</summary>
public readonly record struct XlsxPercent(double Value);

/// <summary>
/// Writes one worksheet of an Excel workbook row by row straight to a response: the package is zipped
/// into a small buffer that is sent every few hundred rows, so an export of any length holds only a
/// few kilobytes in memory. Strings are inline (never formulas, so a cell that starts with "=" stays
/// text); instants are written in China time with a date format; the header row is bold and frozen.
/// </summary>
public sealed class XlsxSheet : IAsyncDisposable
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const int RowsPerSend = 256;

    private readonly RelayStream relay;
    private readonly ZipArchive zip;
    private readonly Stream entry;
    private readonly XmlWriter xml;
    private int row;

    private XlsxSheet(Stream output, string sheetName, IReadOnlyList<XlsxColumn> columns)
    {
        relay = new RelayStream(output);
        zip = new ZipArchive(relay, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
        Part("[Content_Types].xml", ContentTypes);
        Part("_rels/.rels", PackageRelationships);
        Part("xl/workbook.xml", Workbook(sheetName));
        Part("xl/_rels/workbook.xml.rels", WorkbookRelationships);
        Part("xl/styles.xml", Styles);
        entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open();
        xml = XmlWriter.Create(entry, new XmlWriterSettings { Encoding = new UTF8Encoding(false), CheckCharacters = false });
        xml.WriteStartDocument(standalone: true);
        xml.WriteStartElement("worksheet", Main);
        xml.WriteStartElement("sheetViews");
        xml.WriteStartElement("sheetView");
        xml.WriteAttributeString("workbookViewId", "0");
        xml.WriteStartElement("pane");
        xml.WriteAttributeString("ySplit", "1");
        xml.WriteAttributeString("topLeftCell", "A2");
        xml.WriteAttributeString("activePane", "bottomLeft");
        xml.WriteAttributeString("state", "frozen");
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteStartElement("cols");
        for (var i = 0; i < columns.Count; i++)
        {
            xml.WriteStartElement("col");
            xml.WriteAttributeString("min", Number(i + 1));
            xml.WriteAttributeString("max", Number(i + 1));
            xml.WriteAttributeString("width", columns[i].Width.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("customWidth", "1");
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteStartElement("sheetData");
        Row(columns.Select(c => (object?)c.Header).ToList(), Style.Header);
    }

    /// <summary>Starts the workbook on <paramref name="output"/> with the header row written.</summary>
    public static async Task<XlsxSheet> StartAsync(Stream output, string sheetName, IReadOnlyList<XlsxColumn> columns, CancellationToken cancellationToken)
    {
        var sheet = new XlsxSheet(output, sheetName, columns);
        await sheet.relay.SendAsync(cancellationToken);
        return sheet;
    }

    /// <summary>
    /// One row: strings, whole and decimal numbers, <see cref="XlsxPercent"/>, instants, dates and
    /// yes/no (是/否); a null leaves the cell empty.
    /// </summary>
    public async ValueTask WriteRowAsync(IReadOnlyList<object?> cells, CancellationToken cancellationToken)
    {
        Row(cells, Style.Plain);
        if (row % RowsPerSend == 0)
        {
            xml.Flush();
            await relay.SendAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
        xml.Dispose();
        entry.Dispose();
        zip.Dispose();
        await relay.SendAsync(CancellationToken.None);
    }

    private enum Style
    {
        Plain = 0,
        Header = 1,
        Instant = 2,
        Date = 3,
        Percent = 4,
    }

    private void Row(IReadOnlyList<object?> cells, Style style)
    {
        row++;
        xml.WriteStartElement("row");
        xml.WriteAttributeString("r", Number(row));
        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i] is { } value)
            {
                Cell(ColumnName(i) + Number(row), value, style);
            }
        }

        xml.WriteEndElement();
    }

    private void Cell(string reference, object value, Style style)
    {
        xml.WriteStartElement("c");
        xml.WriteAttributeString("r", reference);
        switch (value)
        {
            case int or long or decimal or double:
                Value(Convert.ToString(value, CultureInfo.InvariantCulture)!, style);
                break;
            case XlsxPercent percent:
                Value(percent.Value.ToString("R", CultureInfo.InvariantCulture), Style.Percent);
                break;
            case DateTimeOffset at:
                Value(TimeZoneInfo.ConvertTime(at, ChinaTime.Zone).DateTime.ToOADate().ToString("R", CultureInfo.InvariantCulture), Style.Instant);
                break;
            case DateOnly day:
                Value(day.ToDateTime(TimeOnly.MinValue).ToOADate().ToString("R", CultureInfo.InvariantCulture), Style.Date);
                break;
            default:
                xml.WriteAttributeString("t", "inlineStr");
                StyleOf(style);
                xml.WriteStartElement("is");
                xml.WriteStartElement("t");
                xml.WriteAttributeString("xml", "space", null, "preserve");
                xml.WriteString(Printable(value is bool yes ? (yes ? "是" : "否") : Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty));
                xml.WriteEndElement();
                xml.WriteEndElement();
                break;
        }

        xml.WriteEndElement();
    }

    private void Value(string number, Style style)
    {
        StyleOf(style);
        xml.WriteElementString("v", number);
    }

    private void StyleOf(Style style)
    {
        if (style != Style.Plain)
        {
            xml.WriteAttributeString("s", Number((int)style));
        }
    }

    /// <summary>XML 1.0 cannot carry control characters a pasted text may hold; they are dropped, not allowed to break the file.</summary>
    private static string Printable(string text) =>
        text.Any(c => char.IsControl(c) && c is not '\t' and not '\n' and not '\r')
            ? string.Concat(text.Where(c => !char.IsControl(c) || c is '\t' or '\n' or '\r'))
            : text;

    private static string ColumnName(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + (n - 1) % 26) + name;
        }

        return name;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private void Part(string name, string content)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        using var writer = new StreamWriter(stream, new UTF8Encoding(false));
        writer.Write(content);
    }

    private static string Workbook(string sheetName)
    {
        var name = new StringBuilder();
        using (var writer = XmlWriter.Create(name, new XmlWriterSettings { OmitXmlDeclaration = true }))
        {
            writer.WriteStartElement("workbook", Main);
            writer.WriteAttributeString("xmlns", "r", null, Relationships);
            writer.WriteStartElement("sheets");
            writer.WriteStartElement("sheet");
            writer.WriteAttributeString("name", sheetName);
            writer.WriteAttributeString("sheetId", "1");
            writer.WriteAttributeString("id", Relationships, "rId1");
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        return Declaration + name;
    }

    private const string Declaration = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private const string ContentTypes = Declaration + """
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>
        """;

    private const string PackageRelationships = Declaration + """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """;

    private const string WorkbookRelationships = Declaration + """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
        """;

    // The cell formats, in the order of Style: plain, bold header, China-time instant, date, percentage.
    private const string Styles = Declaration + """
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm"/><numFmt numFmtId="165" formatCode="0.0%"/></numFmts><fonts count="2"><font><sz val="11"/><name val="等线"/></font><font><b/><sz val="11"/><name val="等线"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
        """;

    /// <summary>
    /// Takes the zip's synchronous writes into memory and sends them on asynchronously when asked:
    /// a response body refuses synchronous writes, and the zip's deflate stream makes them.
    /// </summary>
    private sealed class RelayStream(Stream target) : Stream
    {
        private readonly MemoryStream pending = new();
        private long sent;

        public async Task SendAsync(CancellationToken cancellationToken)
        {
            if (pending.Length == 0)
            {
                return;
            }

            await target.WriteAsync(pending.GetBuffer().AsMemory(0, (int)pending.Length), cancellationToken);
            await target.FlushAsync(cancellationToken);
            sent += pending.Length;
            pending.SetLength(0);
        }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => sent + pending.Length;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => pending.Write(buffer, offset, count);

        public override void Write(ReadOnlySpan<byte> buffer) => pending.Write(buffer);

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
