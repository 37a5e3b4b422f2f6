using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace PartyGrid.Tickets.Open311;

/// <summary>
/// One answer of GeoReport v2, written once and rendered in either of the spec's formats: XML (the
/// required one: a root element, repeated child elements for a list) or JSON (the optional one: a
/// list is a bare array, an object's fields in the order given).
/// </summary>
public abstract record Open311Node;

/// <summary>A text value; null leaves the element empty in XML and null in JSON.</summary>
public sealed record Open311Text(string? Value) : Open311Node
{
    /// <summary>A time as the spec writes it (W3C, with its offset), in China time.</summary>
    public static Open311Text Time(DateTimeOffset? at) => new(at is { } value
        ? TimeZoneInfo.ConvertTime(value, PartyGrid.ServiceDefaults.Hosting.ChinaTime.Zone).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture)
        : null);
}

public sealed record Open311Flag(bool Value) : Open311Node;

public sealed record Open311Number(long Value) : Open311Node;

/// <summary>An element with named fields, in order.</summary>
public sealed record Open311Object(IReadOnlyList<(string Name, Open311Node Value)> Fields) : Open311Node;

/// <summary>A list: in XML each item is an element named <paramref name="ItemName"/> inside the list's own element.</summary>
public sealed record Open311List(string ItemName, IReadOnlyList<Open311Node> Items) : Open311Node;

public static class Open311Formats
{
    public const string Xml = "xml";
    public const string Json = "json";

    public static bool IsKnown(string format) => format is Xml or Json;

    public static string MediaType(string format) => format == Xml ? "text/xml; charset=utf-8" : "application/json; charset=utf-8";

    /// <summary>The document as the spec writes it, under <paramref name="root"/> in XML.</summary>
    public static string Render(string root, Open311Node node, string format) => format == Xml ? RenderXml(root, node) : RenderJson(node);

    private static string RenderXml(string root, Open311Node node)
    {
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            xml.WriteStartDocument();
            Element(xml, root, node);
            xml.WriteEndDocument();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Element(XmlWriter xml, string name, Open311Node node)
    {
        xml.WriteStartElement(name);
        switch (node)
        {
            case Open311Text { Value: { } value }:
                xml.WriteString(value);
                break;
            case Open311Flag flag:
                xml.WriteString(flag.Value ? "true" : "false");
                break;
            case Open311Number number:
                xml.WriteString(number.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case Open311Object obj:
                foreach (var (field, value) in obj.Fields)
                {
                    Element(xml, field, value);
                }

                break;
            case Open311List list:
                foreach (var item in list.Items)
                {
                    Element(xml, list.ItemName, item);
                }

                break;
        }

        xml.WriteEndElement();
    }

    private static string RenderJson(Open311Node node)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Value(json, node);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Value(Utf8JsonWriter json, Open311Node node)
    {
        switch (node)
        {
            case Open311Text text:
                if (text.Value is null)
                {
                    json.WriteNullValue();
                }
                else
                {
                    json.WriteStringValue(text.Value);
                }

                break;
            case Open311Flag flag:
                json.WriteBooleanValue(flag.Value);
                break;
            case Open311Number number:
                json.WriteNumberValue(number.Value);
                break;
            case Open311Object obj:
                json.WriteStartObject();
                foreach (var (field, value) in obj.Fields)
                {
                    json.WritePropertyName(field);
                    Value(json, value);
                }

                json.WriteEndObject();
                break;
            case Open311List list:
                json.WriteStartArray();
                foreach (var item in list.Items)
                {
                    Value(json, item);
                }

                json.WriteEndArray();
                break;
        }
    }
}
