using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.EndToEnd.Tests;

/// <summary>Members through the gateway: personal data protection, a transfer across townships, a merge.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class MembersTests(PartyGridApp app)
{
    private readonly Organisations organisations = new(app);
    private readonly ServiceDatabases databases = new(app);

    private static Guid Id(JsonElement e) => e.GetProperty("id").GetGuid();

    private async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>County → townships T1 (villages A, B) and T2 (village D), all in the members projection.</summary>
    private async Task<(Guid C, Guid T1, Guid T2, Guid A, Guid B, Guid D)> TreeAsync()
    {
        var c = Id(await organisations.RegisterAsync("遵义县", "county", "committee", null));
        var t1 = Id(await organisations.RegisterAsync("鸭溪镇", "township", "committee", c));
        var t2 = Id(await organisations.RegisterAsync("枫香镇", "township", "committee", c));
        var a = Id(await organisations.RegisterAsync("石板村", "village", "branch", t1));
        var b = Id(await organisations.RegisterAsync("金钟村", "village", "branch", t1));
        var d = Id(await organisations.RegisterAsync("花茂村", "village", "branch", t2));
        foreach (var id in new[] { c, t1, t2, a, b, d })
        {
            await Eventually.Until(() => databases.ProjectedOrganisationAsync("members", id), r => r is not null, what: "members projection");
        }

        return (c, t1, t2, a, b, d);
    }

    internal static (object Body, string IdNumber, string Phone, string Name, DateOnly Birth) NewMember(Guid orgId, int serial)
    {
        var birth = new DateOnly(1968, 4, 2).AddDays(serial * 101);
        var idNumber = IdNumbers.For(birth, male: false, serial: serial);
        var phone = $"1378551{serial:D4}";
        var name = $"王秀{"英兰芳梅"[serial % 4]}";
        return (new { orgId, name, gender = "female", birthDate = birth, idNumber, phone, joinedOn = new DateOnly(1995, 7, 1), status = "full", skills = new[] { "social-insurance" } },
            idNumber, phone, name, birth);
    }

    [Fact]
    public async Task Personal_data_is_masked_searchable_revealed_with_an_audit_and_absent_from_every_event()
    {
        var (_, t1, _, a, _, _) = await TreeAsync();
        await using var tap = await EventTap.OpenAsync(app.RabbitMq, "MemberChanged", "MemberFlowChanged", "TransferCompleted");
        var (body, idNumber, phone, name, birth) = NewMember(a, 1);

        var created = await ReadAsync(await organisations.SendAsAsync(a, ["org-admin"], HttpMethod.Post, "/api/v1/members", body), HttpStatusCode.Created);
        Assert.Equal($"{idNumber[..4]}**********{idNumber[^4..]}", created.GetProperty("idNumber").GetString());
        Assert.Equal($"{phone[..3]}****{phone[^4..]}", created.GetProperty("phone").GetString());
        var memberId = Id(created);

        var lookup = new HttpRequestMessage(HttpMethod.Post, "/api/v1/members/lookup") { Content = JsonContent.Create(new { idNumber }) };
        lookup.Headers.Authorization = new("Bearer", await app.TokenAsync(t1, "org-admin"));
        lookup.Headers.Add("X-Reason", Uri.EscapeDataString("核对组织关系"));
        var found = await ReadAsync(await app.Gateway.SendAsync(lookup), HttpStatusCode.OK);
        Assert.Equal(memberId, Id(Assert.Single(found.GetProperty("items").EnumerateArray())));
        Assert.Contains("*", found.GetProperty("items")[0].GetProperty("idNumber").GetString(), StringComparison.Ordinal);

        await ReadAsync(await organisations.SendAsAsync(a, ["org-admin"], HttpMethod.Post, $"/api/v1/members/{memberId}/flow-out",
            new { destinationPlace = "浙江省宁波市", reason = "务工", from = new DateOnly(2026, 3, 1), cardNumber = "LD-520321-0001" }), HttpStatusCode.OK);

        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/members/{memberId}/personal-data");
        request.Headers.Authorization = new("Bearer", await app.TokenAsync(t1, "viewer", "pii-reader"));
        request.Headers.Add("X-Reason", Uri.EscapeDataString("核对医保参保信息"));
        var revealed = await ReadAsync(await app.Gateway.SendAsync(request), HttpStatusCode.OK);
        Assert.Equal(idNumber, revealed.GetProperty("idNumber").GetString());
        Assert.Equal(phone, revealed.GetProperty("phone").GetString());
        var audit = await ReadAsync(await organisations.SendAsync(HttpMethod.Get, $"/api/v1/members/personal-data-access?memberId={memberId}"), HttpStatusCode.OK);
        Assert.Equal(["lookup:核对组织关系", "reveal:核对医保参保信息"],
            audit.GetProperty("items").EnumerateArray().Select(e => $"{e.GetProperty("use").GetString()}:{e.GetProperty("reason").GetString()}"));

        // What consumers receive: the member's events arrive, and none carries a trace of personal data.
        var events = await Eventually.Until(
            () => Task.FromResult(tap.Bodies.Where(b => b.Contains(memberId.ToString(), StringComparison.Ordinal)).ToList()),
            b => b.Count >= 3 && b.Any(x => x.Contains("flowing-out", StringComparison.Ordinal)),
            what: "member events on the broker");
        foreach (var message in events)
        {
            foreach (var secret in new[] { idNumber, idNumber[..4] + "**", phone, phone[^4..] + "\"", name, birth.ToString("yyyy-MM-dd"), birth.ToString("yyyyMMdd"), "宁波", "LD-520321" })
            {
                Assert.DoesNotContain(secret, message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task A_transfer_between_villages_of_two_townships_completes_through_the_gateway()
    {
        var (c, t1, t2, a, _, d) = await TreeAsync();
        await using var tap = await EventTap.OpenAsync(app.RabbitMq, "TransferCompleted");
        var member = await ReadAsync(await organisations.SendAsAsync(a, ["org-admin"], HttpMethod.Post, "/api/v1/members", NewMember(a, 2).Body), HttpStatusCode.Created);

        var transfer = await ReadAsync(await organisations.SendAsAsync(a, ["org-admin"], HttpMethod.Post, "/api/v1/transfers",
            new { memberId = Id(member), toOrgId = d, reason = "婚嫁迁入", validDays = 90 }), HttpStatusCode.Created);
        Assert.Equal([a, t1, c, t2, d], transfer.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("orgId").GetGuid()));
        var path = $"/api/v1/transfers/{Id(transfer)}";

        using (var early = await organisations.SendAsAsync(d, ["org-admin"], HttpMethod.Post, $"{path}/receive", new { }))
        {
            Assert.Equal("approval-out-of-order", (await ReadAsync(early, HttpStatusCode.Conflict)).GetProperty("code").GetString());
        }

        foreach (var org in new[] { a, t1, c, t2 })
        {
            await ReadAsync(await organisations.SendAsAsync(org, ["org-admin"], HttpMethod.Post, $"{path}/approve", new { comment = "同意" }), HttpStatusCode.OK);
        }

        var completed = await ReadAsync(await organisations.SendAsAsync(d, ["org-admin"], HttpMethod.Post, $"{path}/receive", new { }), HttpStatusCode.OK);
        Assert.Equal("completed", completed.GetProperty("status").GetString());
        var moved = await ReadAsync(await organisations.SendAsAsync(d, ["viewer"], HttpMethod.Get, $"/api/v1/members/{Id(member)}"), HttpStatusCode.OK);
        Assert.Equal(d, moved.GetProperty("orgId").GetGuid());
        using (var gone = await organisations.SendAsAsync(a, ["viewer"], HttpMethod.Get, $"/api/v1/members/{Id(member)}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        var published = await Eventually.Until(
            () => Task.FromResult(tap.Bodies.Where(b => b.Contains(Id(transfer).ToString(), StringComparison.Ordinal)).ToList()),
            b => b.Count == 1, what: "TransferCompleted on the broker");
        Assert.Contains(d.ToString(), published[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dissolving_a_village_into_another_moves_its_members_and_closes_it_to_new_ones()
    {
        var (_, _, _, a, b, _) = await TreeAsync();
        await using var tap = await EventTap.OpenAsync(app.RabbitMq, "MemberChanged");
        var first = await ReadAsync(await organisations.SendAsync(HttpMethod.Post, "/api/v1/members", NewMember(a, 3).Body), HttpStatusCode.Created);
        var second = await ReadAsync(await organisations.SendAsync(HttpMethod.Post, "/api/v1/members", NewMember(a, 4).Body), HttpStatusCode.Created);

        await ReadAsync(await organisations.SendAsync(HttpMethod.Post, $"/api/v1/organisations/{a}/dissolve", new { reason = "村庄合并", mergeIntoId = b }), HttpStatusCode.OK);

        foreach (var member in new[] { first, second })
        {
            var moved = await Eventually.Until(
                async () => await ReadAsync(await organisations.SendAsync(HttpMethod.Get, $"/api/v1/members/{Id(member)}"), HttpStatusCode.OK),
                m => m.GetProperty("orgId").GetGuid() == b, what: "member moved to the merge target");
            Assert.True(moved.GetProperty("version").GetInt64() > member.GetProperty("version").GetInt64());
            await Eventually.Until(
                () => Task.FromResult(tap.Bodies.Count(e => e.Contains(Id(member).ToString(), StringComparison.Ordinal) && e.Contains(b.ToString(), StringComparison.Ordinal))),
                n => n == 1, what: "MemberChanged naming the merge target");
        }

        using var refused = await organisations.SendAsync(HttpMethod.Post, "/api/v1/members", NewMember(a, 5).Body);
        Assert.Equal("organisation-dissolved", (await ReadAsync(refused, HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString());
    }
}
