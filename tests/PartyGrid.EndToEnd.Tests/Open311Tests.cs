using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Playwright;
using PartyGrid.EndToEnd.Tests.Console;
using PartyGrid.EndToEnd.Tests.SignIn;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.EndToEnd.Tests;

/// <summary>
/// Open311 GeoReport v2 through the gateway: the public documents need no key, and the page fallback
/// never answers for them; requests carry the partner key as the spec's <c>api_key</c> and become
/// tickets like any other, in the JSON API and the console.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class Open311Tests(PartyGridApp app)
{
    private readonly Organisations organisations = new(app);

    [Fact]
    public async Task A_request_posted_with_api_key_in_the_form_is_the_same_ticket_in_the_json_api_and_the_console()
    {
        var (township, village) = await organisations.TownshipAndVillageAsync("开放县", "开放镇", "开放村", "tickets");
        var villageCode = (await organisations.GetJsonAsync($"/api/v1/organisations/{village}")).Text("code");
        var (_, key) = await new PartnerKeys(app).CreateAsync(township, ["tickets:write", "tickets:read"]);

        FormUrlEncodedContent Form(bool withAttribute) => new(new Dictionary<string, string>
        {
            ["api_key"] = key,
            ["service_code"] = "minimum-living-allowance",
            ["address_id"] = villageCode,
            ["address_string"] = "开放村三组",
            ["description"] = "申请低保：家中两位老人无收入",
            ["last_name"] = "赵",
            ["first_name"] = "桂兰",
            ["phone"] = "13885200001",
            ["attribute[householdNumber]"] = "KF-3-07",
            [withAttribute ? "attribute[familySize]" : "attribute[note]"] = "3",
        });

        using var refused = await app.Gateway.PostAsync("/open311/v2/requests.xml", Form(withAttribute: false));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("attribute[familySize]", XDocument.Parse(await refused.Content.ReadAsStringAsync()).Root!.Element("error")!.Element("description")!.Value, StringComparison.Ordinal);

        using var created = await app.Gateway.PostAsync("/open311/v2/requests.xml", Form(withAttribute: true));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var id = XDocument.Parse(await created.Content.ReadAsStringAsync()).Root!.Element("request")!.Element("service_request_id")!.Value;

        using var json = await organisations.SendAsAsync(village, ["staff"], HttpMethod.Get, $"/api/v1/tickets/{id}");
        var ticket = await Json.ReadAsync(json, HttpStatusCode.OK);
        Assert.Equal(("申请低保：家中两位老人无收入", "partner", "赵桂兰"), (ticket.Text("title"), ticket.Text("channel"), ticket.GetProperty("requester").Text("name")));
        Assert.Equal("3", ticket.GetProperty("attributes").Text("familySize"));

        // Read back with the key in the query; without a key, or with a wrong one, the spec's 403.
        using var read = await app.Gateway.GetAsync($"/open311/v2/requests/{id}.json?api_key={Uri.EscapeDataString(key)}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var request = JsonDocument.Parse(await read.Content.ReadAsStringAsync()).RootElement[0];
        Assert.Equal(("open", "开放村"), (request.Text("status"), request.Text("agency_responsible")));
        foreach (var path in new[] { $"/open311/v2/requests/{id}.xml", $"/open311/v2/requests/{id}.xml?api_key=pgk_wrong" })
        {
            using var forbidden = await app.Gateway.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
            Assert.Equal("403", XDocument.Parse(await forbidden.Content.ReadAsStringAsync()).Root!.Element("error")!.Element("code")!.Value);
        }

        // The village clerk finds it in the console's queue.
        var clerk = await new StaffSignIn(app).CreateAccountAsync(village, ["staff"]);
        await using var browser = await ConsoleBrowser.StartAsync(app);
        var page = await browser.SignInAsync(clerk.UserName);
        var link = page.GetByTestId($"ticket-link-{ticket.Text("number")}");
        await Assertions.Expect(link).ToBeVisibleAsync();
        await link.ClickAsync();
        await Assertions.Expect(page.GetByText("KF-3-07")).ToBeVisibleAsync();
    }

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
