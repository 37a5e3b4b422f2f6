using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using PartyGrid.Testing;

namespace PartyGrid.Tickets.Tests;

/// <summary>
/// Open311 GeoReport v2's public documents without a token, in both formats as the spec writes them:
/// XML read with repeated elements taken as lists, JSON as bare arrays; errors as the spec's lists.
/// </summary>
[Collection(TicketsServiceCollection.Name)]
public sealed class Open311Tests(TicketsService service)
{
    private HttpClient Anonymous => service.Host.CreateClient();

    private async Task<XElement> XmlAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Anonymous.GetAsync($"/open311/v2/{path}");
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        return XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
    }

    private async Task<JsonElement> JsonAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Anonymous.GetAsync($"/open311/v2/{path}");
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<List<(string Code, string Name, string Category, bool Attributes)>> CatalogueAsync()
    {
        var catalogue = await Json.ReadAsync(await service.Staff(service.County.A).GetAsync("/api/v1/ticket-categories"), HttpStatusCode.OK);
        return catalogue.GetProperty("categories").EnumerateArray()
            .SelectMany(c => c.GetProperty("items").EnumerateArray().Select(i =>
                (i.Text("code"), i.Text("name"), c.Text("name"), i.GetProperty("attributes").GetArrayLength() > 0)))
            .ToList();
    }

    [Fact]
    public async Task Discovery_names_the_v2_endpoint_and_both_formats()
    {
        var xml = await XmlAsync("discovery.xml");
        Assert.Equal("discovery", xml.Name.LocalName);
        var endpoint = Assert.Single(xml.Element("endpoints")!.Elements("endpoint"));
        Assert.Equal("http://wiki.open311.org/GeoReport_v2", endpoint.Element("specification")!.Value);
        Assert.EndsWith("/open311/v2", endpoint.Element("url")!.Value, StringComparison.Ordinal);
        Assert.Equal(["text/xml", "application/json"], endpoint.Element("formats")!.Elements("format").Select(f => f.Value));
        Assert.True(DateTimeOffset.TryParse(xml.Element("changeset")!.Value, out _));

        var json = await JsonAsync("discovery.json");
        var formats = json.GetProperty("endpoints")[0].GetProperty("formats").EnumerateArray().Select(f => f.GetString());
        Assert.Equal(["text/xml", "application/json"], formats);
    }

    [Fact]
    public async Task Services_are_the_catalogues_items_in_both_formats_with_metadata_where_an_item_has_attributes()
    {
        var catalogue = await CatalogueAsync();
        var xml = (await XmlAsync("services.xml")).Elements("service").ToList();
        Assert.Equal(catalogue.Select(i => i.Code), xml.Select(s => s.Element("service_code")!.Value));
        Assert.Equal(catalogue.Select(i => i.Name), xml.Select(s => s.Element("service_name")!.Value));
        Assert.Equal(catalogue.Select(i => i.Category), xml.Select(s => s.Element("group")!.Value));
        Assert.Equal(catalogue.Select(i => i.Attributes ? "true" : "false"), xml.Select(s => s.Element("metadata")!.Value));
        Assert.All(xml, s => Assert.Equal("realtime", s.Element("type")!.Value));

        var json = await JsonAsync("services.json");
        Assert.Equal(JsonValueKind.Array, json.ValueKind);
        Assert.Equal(catalogue.Select(i => i.Code), json.EnumerateArray().Select(s => s.Text("service_code")));
        Assert.Equal(catalogue.Select(i => i.Attributes), json.EnumerateArray().Select(s => s.GetProperty("metadata").GetBoolean()));
    }

    [Fact]
    public async Task A_service_definition_lists_the_items_attributes_in_order_with_their_datatypes()
    {
        var xml = (await XmlAsync("services/minimum-living-allowance.xml"));
        Assert.Equal("service_definition", xml.Name.LocalName);
        Assert.Equal("minimum-living-allowance", xml.Element("service_code")!.Value);
        var attributes = xml.Element("attributes")!.Elements("attribute").ToList();
        Assert.Equal(
            [("householdNumber", "string", "1", "户号"), ("familySize", "number", "2", "家庭人口")],
            attributes.Select(a => (a.Element("code")!.Value, a.Element("datatype")!.Value, a.Element("order")!.Value, a.Element("description")!.Value)));
        Assert.All(attributes, a => Assert.Equal(("true", "true"), (a.Element("variable")!.Value, a.Element("required")!.Value)));

        var json = await JsonAsync("services/minimum-living-allowance.json");
        Assert.Equal(["householdNumber", "familySize"], json.GetProperty("attributes").EnumerateArray().Select(a => a.Text("code")));
        Assert.Equal([1, 2], json.GetProperty("attributes").EnumerateArray().Select(a => a.GetProperty("order").GetInt32()));
    }

    [Fact]
    public async Task Errors_come_as_the_specs_lists_with_404_for_an_unknown_service_or_jurisdiction_and_400_for_an_unknown_format()
    {
        var xml = await XmlAsync("services/no-such-item.xml", HttpStatusCode.NotFound);
        Assert.Equal("errors", xml.Name.LocalName);
        Assert.Equal("404", Assert.Single(xml.Elements("error")).Element("code")!.Value);

        var json = await JsonAsync("services/no-such-item.json", HttpStatusCode.NotFound);
        Assert.Equal(404, Assert.Single(json.EnumerateArray()).GetProperty("code").GetInt32());
        Assert.Contains("no-such-item", json[0].Text("description"), StringComparison.Ordinal);

        Assert.Equal("400", (await XmlAsync("services.csv", HttpStatusCode.BadRequest)).Element("error")!.Element("code")!.Value);
        Assert.Equal(404, (await JsonAsync("services.json?jurisdiction_id=000000", HttpStatusCode.NotFound))[0].GetProperty("code").GetInt32());

        // The county's own code is its jurisdiction.
        var county = TestCounty.Code(service.County.C);
        Assert.NotEmpty((await XmlAsync($"services.xml?jurisdiction_id={county}")).Elements("service"));
    }
}
