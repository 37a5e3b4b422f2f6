using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using PartyGrid.ServiceDefaults.Identity;
using PartyGrid.Testing;

namespace PartyGrid.Tickets.Tests;

/// <summary>
/// Open311 service requests as a partner system makes them: form-encoded (Chinese text, the item's
/// attributes as <c>attribute[code]</c>), read back in both formats, held to the key's scopes and
/// subtree, and their status updates since a time.
/// </summary>
[Collection(TicketsServiceCollection.Name)]
public sealed class Open311RequestsTests(TicketsService service)
{
    private TestCounty County => service.County;

    private HttpClient Hotline(Guid home, params string[] scopes) =>
        service.Host.ClientForPartner(home, scopes.Length > 0 ? scopes : [PartnerScopes.TicketsWrite, PartnerScopes.TicketsRead]);

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    private static readonly (string, string)[] Allowance =
    [
        ("service_code", "minimum-living-allowance"),
        ("description", "家中老人生病，申请低保\n详情见附件"),
        ("first_name", "秀英"),
        ("last_name", "王"),
        ("phone", "13800138000"),
        ("address_string", "一组 12 号"),
        ("attribute[householdNumber]", "HH-0001"),
        ("attribute[familySize]", "4"),
    ];

    private static async Task<XElement> XmlAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        return XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<Guid> SubmitAsync(Guid home, params (string, string)[] fields)
    {
        var xml = await XmlAsync(await Hotline(home).PostAsync("/open311/v2/requests.xml", Form(fields)), HttpStatusCode.OK);
        return Guid.Parse(Assert.Single(xml.Elements("request")).Element("service_request_id")!.Value);
    }

    [Fact]
    public async Task A_form_encoded_request_is_a_ticket_at_the_site_named_by_address_id_in_the_json_api()
    {
        var xml = await XmlAsync(await Hotline(County.T1).PostAsync("/open311/v2/requests.xml",
            Form([.. Allowance, ("address_id", TestCounty.Code(County.A))])), HttpStatusCode.OK);
        Assert.Equal("service_requests", xml.Name.LocalName);
        var request = Assert.Single(xml.Elements("request"));
        var id = Guid.Parse(request.Element("service_request_id")!.Value);

        var ticket = await service.GetAsync(id);
        Assert.Contains(ticket.Text("number"), request.Element("service_notice")!.Value, StringComparison.Ordinal);
        Assert.Equal(County.A, ticket.GetProperty("intakeOrgId").GetGuid());
        Assert.Equal(("minimum-living-allowance", "partner"), (ticket.Text("item"), ticket.Text("channel")));
        Assert.Equal("家中老人生病，申请低保", ticket.Text("title"));
        Assert.Equal("家中老人生病，申请低保\n详情见附件", ticket.Text("description"));
        var worked = await Json.ReadAsync(await service.Staff(County.A).GetAsync($"/api/v1/tickets/{id}"), HttpStatusCode.OK);
        Assert.Equal(("王秀英", "138****8000", "一组 12 号"), (worked.GetProperty("requester").Text("name"), worked.GetProperty("requester").Text("phone"), worked.GetProperty("requester").Text("address")));
        Assert.Equal(("HH-0001", "4"), (ticket.GetProperty("attributes").Text("householdNumber"), ticket.GetProperty("attributes").Text("familySize")));

        // Read back as the spec has it, in both formats.
        var one = Assert.Single((await XmlAsync(await Hotline(County.T1).GetAsync($"/open311/v2/requests/{id}.xml"), HttpStatusCode.OK)).Elements("request"));
        Assert.Equal(("open", "minimum-living-allowance", "低保申请"), (one.Element("status")!.Value, one.Element("service_code")!.Value, one.Element("service_name")!.Value));
        Assert.Equal(TestCounty.Code(County.A), one.Element("agency_responsible")!.Value);
        Assert.Equal(ticket.GetProperty("resolutionDueAt").GetDateTimeOffset(), DateTimeOffset.Parse(one.Element("expected_datetime")!.Value));
        Assert.EndsWith("+08:00", one.Element("requested_datetime")!.Value, StringComparison.Ordinal);
        var json = await JsonAsync(await Hotline(County.T1).GetAsync($"/open311/v2/requests/{id}.json"), HttpStatusCode.OK);
        Assert.Equal(id.ToString(), Assert.Single(json.EnumerateArray()).Text("service_request_id"));
    }

    [Fact]
    public async Task A_required_attribute_missing_or_no_location_is_a_400_naming_the_form_field_and_takes_nothing_in()
    {
        using var hotline = Hotline(County.T2);
        var before = await JsonAsync(await hotline.GetAsync("/open311/v2/requests.json"), HttpStatusCode.OK);

        var missing = await XmlAsync(await hotline.PostAsync("/open311/v2/requests.xml",
            Form([.. Allowance.Where(f => f.Item1 != "attribute[familySize]")])), HttpStatusCode.BadRequest);
        var error = Assert.Single(missing.Elements("error"));
        Assert.Equal("400", error.Element("code")!.Value);
        Assert.StartsWith("attribute[familySize]", error.Element("description")!.Value, StringComparison.Ordinal);

        var nowhere = await JsonAsync(await hotline.PostAsync("/open311/v2/requests.json",
            Form([.. Allowance.Where(f => f.Item1 != "address_string")])), HttpStatusCode.BadRequest);
        Assert.Contains("location", nowhere[0].Text("description"), StringComparison.Ordinal);

        var badCoordinates = await JsonAsync(await hotline.PostAsync("/open311/v2/requests.json",
            Form([.. Allowance, ("lat", "127.5"), ("long", "106.9")])), HttpStatusCode.BadRequest);
        Assert.Contains("lat", badCoordinates[0].Text("description"), StringComparison.Ordinal);

        var after = await JsonAsync(await hotline.GetAsync("/open311/v2/requests.json"), HttpStatusCode.OK);
        Assert.Equal(before.GetArrayLength(), after.GetArrayLength());
    }

    [Fact]
    public async Task Without_a_partner_identity_or_the_scope_the_answer_is_the_specs_403()
    {
        var anonymous = await XmlAsync(await service.Host.CreateClient().PostAsync("/open311/v2/requests.xml", Form(Allowance)), HttpStatusCode.Forbidden);
        Assert.Equal("403", Assert.Single(anonymous.Elements("error")).Element("code")!.Value);

        var readOnly = await JsonAsync(await Hotline(County.T1, PartnerScopes.TicketsRead).PostAsync("/open311/v2/requests.json", Form(Allowance)), HttpStatusCode.Forbidden);
        Assert.Contains(PartnerScopes.TicketsWrite, readOnly[0].Text("description"), StringComparison.Ordinal);

        var writeOnly = await XmlAsync(await Hotline(County.T1, PartnerScopes.TicketsWrite).GetAsync("/open311/v2/requests.xml"), HttpStatusCode.Forbidden);
        Assert.Equal("errors", writeOnly.Name.LocalName);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.Host.CreateClient().GetAsync("/open311/v2/servicerequestupdates.xml")).StatusCode);
    }

    [Fact]
    public async Task Lists_hold_to_the_keys_subtree_and_filter_by_id_service_status_and_a_window_of_at_most_90_days()
    {
        var open = await SubmitAsync(County.T2, [.. Allowance, ("address_id", TestCounty.Code(County.D))]);
        var settled = await SubmitAsync(County.T2, ("service_code", "errand-other"), ("description", "代办户口迁移"), ("last_name", "李"),
            ("phone", "13900139000"), ("address_id", TestCounty.Code(County.D)));
        await service.ActAsync(County.D, settled, "resolve", new { resolution = "已代办完成" });

        using var township = Hotline(County.T2, PartnerScopes.TicketsRead);
        var both = (await XmlAsync(await township.GetAsync($"/open311/v2/requests.xml?service_request_id={open},{settled}"), HttpStatusCode.OK))
            .Elements("request").ToDictionary(r => Guid.Parse(r.Element("service_request_id")!.Value));
        Assert.Equal(("open", "closed"), (both[open].Element("status")!.Value, both[settled].Element("status")!.Value));
        Assert.Equal("已办结：已代办完成", both[settled].Element("status_notes")!.Value);

        var closed = await JsonAsync(await township.GetAsync("/open311/v2/requests.json?status=closed&service_code=errand-other"), HttpStatusCode.OK);
        Assert.Contains(closed.EnumerateArray(), r => r.Text("service_request_id") == settled.ToString());
        Assert.All(closed.EnumerateArray(), r => Assert.Equal(("closed", "errand-other"), (r.Text("status"), r.Text("service_code"))));

        // Another township's key sees neither; one request outside it is a 404.
        var elsewhere = await JsonAsync(await Hotline(County.T1, PartnerScopes.TicketsRead).GetAsync($"/open311/v2/requests.json?service_request_id={open}"), HttpStatusCode.OK);
        Assert.Equal(0, elsewhere.GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await Hotline(County.T1, PartnerScopes.TicketsRead).GetAsync($"/open311/v2/requests/{open}.xml")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync("/open311/v2/requests/not-an-id.xml")).StatusCode);

        var tooLong = await XmlAsync(await township.GetAsync("/open311/v2/requests.xml?start_date=2026-01-01T00:00:00%2B08:00&end_date=2026-06-01T00:00:00%2B08:00"), HttpStatusCode.BadRequest);
        Assert.Contains("90 days", tooLong.Element("error")!.Element("description")!.Value, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await township.GetAsync("/open311/v2/requests.xml?status=pending")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await township.GetAsync("/open311/v2/requests.xml?start_date=yesterday")).StatusCode);
    }

    [Fact]
    public async Task Updates_since_a_time_tell_each_step_with_the_resolution_but_no_comment()
    {
        var id = await SubmitAsync(County.T1, [.. Allowance]);
        var since = (await service.GetAsync(id)).GetProperty("submittedAt").GetDateTimeOffset().AddSeconds(-1);
        await service.ActAsync(County.T1, id, "accept");
        await service.ActAsync(County.T1, id, "comments", new { text = "已电话联系王秀英本人" });
        await service.ActAsync(County.T1, id, "resolve", new { resolution = "低保已批准" });

        var start = Uri.EscapeDataString(since.ToString("yyyy-MM-ddTHH:mm:sszzz"));
        var xml = await XmlAsync(await Hotline(County.T1, PartnerScopes.TicketsRead).GetAsync($"/open311/v2/servicerequestupdates.xml?start_date={start}"), HttpStatusCode.OK);
        Assert.Equal("service_requests_updates", xml.Name.LocalName);
        var updates = xml.Elements("request_update").Where(u => u.Element("service_request_id")!.Value == id.ToString()).ToList();
        Assert.Equal(["open", "action_scheduled", "fixed"], updates.Select(u => u.Element("status")!.Value));
        Assert.Equal("已办结：低保已批准", updates[^1].Element("description")!.Value);
        Assert.DoesNotContain(updates, u => u.Element("description")!.Value.Contains("王秀英", StringComparison.Ordinal));
        Assert.Equal(updates.Count, updates.Select(u => u.Element("update_id")!.Value).Distinct().Count());

        var json = await JsonAsync(await Hotline(County.T2, PartnerScopes.TicketsRead).GetAsync($"/open311/v2/servicerequestupdates.json?start_date={start}"), HttpStatusCode.OK);
        Assert.DoesNotContain(json.EnumerateArray(), u => u.Text("service_request_id") == id.ToString());
    }
}
