using System.Net;
using System.Xml.Linq;
using Xunit;

namespace PartyGrid.EndToEnd.Tests;

/// <summary>Open311 GeoReport v2 through the gateway: the public documents need no key, and the page fallback never answers for them.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class Open311Tests(PartyGridApp app)
{
    [Fact]
    public async Task The_services_and_a_definition_are_served_without_a_key_and_an_unknown_service_is_the_specs_404()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/open311/v2/services.xml");
        request.Headers.Accept.ParseAdd("text/html");
        using var services = await app.Gateway.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, services.StatusCode);
        var codes = XDocument.Parse(await services.Content.ReadAsStringAsync()).Root!.Elements("service").Select(s => s.Element("service_code")!.Value).ToList();
        Assert.Contains("neighbour-dispute", codes);

        using var definition = await app.Gateway.GetAsync("/open311/v2/services/minimum-living-allowance.json");
        Assert.Equal(HttpStatusCode.OK, definition.StatusCode);
        Assert.Contains("\"familySize\"", await definition.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var unknown = await app.Gateway.GetAsync("/open311/v2/services/no-such-item.xml");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("errors", XDocument.Parse(await unknown.Content.ReadAsStringAsync()).Root!.Name.LocalName);
    }
}
