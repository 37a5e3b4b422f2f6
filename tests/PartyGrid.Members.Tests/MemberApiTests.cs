using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using PartyGrid.Testing;

namespace PartyGrid.Members.Tests;

[Collection(MembersServiceCollection.Name)]
public sealed class MemberApiTests(MembersService service)
{
    [Fact]
    public async Task A_registered_member_comes_back_masked_and_the_database_holds_no_plaintext()
    {
        var (body, idNumber, phone) = service.NewMember(service.A);
        var created = await Json.ReadAsync(await service.Admin().PostAsJsonAsync("/api/v1/members", body), HttpStatusCode.Created);

        Assert.Equal($"{idNumber[..4]}**********{idNumber[^4..]}", created.Text("idNumber"));
        Assert.Equal($"{phone[..3]}****{phone[^4..]}", created.Text("phone"));
        var detail = await Json.ReadAsync(await service.Admin().GetAsync($"/api/v1/members/{created.Id()}"), HttpStatusCode.OK);
        Assert.Equal(created.Text("idNumber"), detail.Text("idNumber"));
        Assert.Equal(created.Text("phone"), detail.Text("phone"));

        await using var connection = new NpgsqlConnection(service.Host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT m::text, id_number_cipher, phone_cipher, id_number_lookup FROM members m WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", created.Id());
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var row = reader.GetString(0);
        Assert.DoesNotContain(idNumber, row, StringComparison.Ordinal);
        Assert.DoesNotContain(idNumber[6..14], row, StringComparison.Ordinal);
        Assert.DoesNotContain(phone, row, StringComparison.Ordinal);
        foreach (var column in new[] { 1, 2, 3 })
        {
            var bytes = (byte[])reader.GetValue(column);
            Assert.DoesNotContain(idNumber, Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
            Assert.DoesNotContain(phone, Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("bad-check-digit", "idNumber")]
    [InlineData("wrong-length", "idNumber")]
    [InlineData("bad-date", "idNumber")]
    [InlineData("other-birth-date", "idNumber")]
    [InlineData("other-gender", "gender")]
    [InlineData("too-young", "joinedOn")]
    [InlineData("bad-phone", "phone")]
    public async Task Bad_personal_data_is_a_400_naming_the_field_and_records_nothing(string fault, string field)
    {
        var (body, idNumber, _) = service.NewMember(service.A);
        var json = System.Text.Json.JsonSerializer.SerializeToNode(body)!.AsObject();
        switch (fault)
        {
            case "bad-check-digit": json["idNumber"] = idNumber[..17] + (idNumber[17] == '0' ? '1' : '0'); break;
            case "wrong-length": json["idNumber"] = idNumber[..17]; break;
            case "bad-date": json["idNumber"] = idNumber[..10] + "13" + idNumber[12..]; break;
            case "other-birth-date": json["birthDate"] = "1960-01-01"; break;
            case "other-gender": json["gender"] = "female"; break;
            case "too-young": json["joinedOn"] = json["birthDate"]!.GetValue<string>()[..4] is var year ? $"{int.Parse(year) + 17}-01-01" : null; break;
            case "bad-phone": json["phone"] = "12345"; break;
        }

        var before = await RowsAsync();
        using var response = await service.Admin().PostAsJsonAsync("/api/v1/members", json);
        var problem = await Json.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());

        // Nothing of the refused request is stored: no member under the name it sent, no event staged.
        Assert.Equal(before, await RowsAsync());
        async Task<(long Members, long Events)> RowsAsync()
        {
            await using var connection = new NpgsqlConnection(service.Host.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT (SELECT count(*) FROM members WHERE name = @name), (SELECT count(*) FROM outbox_messages)", connection);
            command.Parameters.AddWithValue("name", json["name"]!.GetValue<string>());
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return (reader.GetInt64(0), reader.GetInt64(1));
        }
    }

    [Fact]
    public async Task A_lowercase_x_is_accepted_and_found_by_exact_identity_number_only()
    {
        var (body, _, _) = service.NewMember(service.B);
        var json = System.Text.Json.JsonSerializer.SerializeToNode(body)!.AsObject();
        string idNumber;
        var n = 0;
        do
        {
            idNumber = Testing.IdNumbers.For(new DateOnly(1975, 6, 1).AddDays(n), male: true, serial: n % 40);
            n++;
        }
        while (idNumber[^1] != 'X');
        json["idNumber"] = idNumber.ToLowerInvariant();
        json["birthDate"] = $"{idNumber[6..10]}-{idNumber[10..12]}-{idNumber[12..14]}";
        var created = await Json.ReadAsync(await service.Admin().PostAsJsonAsync("/api/v1/members", json), HttpStatusCode.Created);
        Assert.EndsWith("X", created.Text("idNumber"), StringComparison.Ordinal);

        var byLower = await Json.ReadAsync(await service.Looker(service.C, "admin").PostAsJsonAsync("/api/v1/members/lookup", new { idNumber = idNumber.ToLowerInvariant() }), HttpStatusCode.OK);
        Assert.Equal(created.Id(), Assert.Single(byLower.GetProperty("items").EnumerateArray()).Id());
        Assert.EndsWith("X", byLower.GetProperty("items")[0].Text("idNumber"), StringComparison.Ordinal);
        Assert.Contains("*", byLower.GetProperty("items")[0].Text("phone"), StringComparison.Ordinal);

        var again = await service.Admin().PostAsJsonAsync("/api/v1/members", json);
        Assert.Equal("member-exists", (await Json.ReadAsync(again, HttpStatusCode.Conflict)).Text("code"));
    }

    [Fact]
    public async Task Registering_a_number_recorded_outside_the_callers_scope_reads_like_a_bad_number()
    {
        var (elsewhere, idNumber, _) = service.NewMember(service.D);
        await Json.ReadAsync(await service.As(service.D, "org-admin").PostAsJsonAsync("/api/v1/members", elsewhere), HttpStatusCode.Created);
        var (body, _, _) = service.NewMember(service.A);
        var json = JsonSerializer.SerializeToNode(body)!.AsObject();
        json["idNumber"] = idNumber;
        json["birthDate"] = $"{idNumber[6..10]}-{idNumber[10..12]}-{idNumber[12..14]}";
        var wrongDigit = json.DeepClone().AsObject();
        wrongDigit["idNumber"] = idNumber[..17] + (idNumber[17] == '0' ? '1' : '0');

        string Message(JsonElement problem) => problem.GetProperty("errors").GetProperty("idNumber")[0].GetString()!;
        var outsider = service.As(service.A, "org-admin");
        var duplicate = await Json.ReadAsync(await outsider.PostAsJsonAsync("/api/v1/members", json), HttpStatusCode.BadRequest);
        var bad = await Json.ReadAsync(await outsider.PostAsJsonAsync("/api/v1/members", wrongDigit), HttpStatusCode.BadRequest);
        Assert.Equal(Message(bad), Message(duplicate));
        Assert.DoesNotContain("member", duplicate.ToString(), StringComparison.OrdinalIgnoreCase);

        var insider = await service.As(service.T2, "org-admin").PostAsJsonAsync("/api/v1/members", JsonSerializer.SerializeToNode(elsewhere));
        Assert.Equal("member-exists", (await Json.ReadAsync(insider, HttpStatusCode.Conflict)).Text("code"));
    }

    [Fact]
    public async Task A_write_naming_an_organisation_outside_the_callers_scope_reads_like_one_naming_none()
    {
        var (hidden, _, _) = service.NewMember(service.D);
        var (missing, _, _) = service.NewMember(Guid.NewGuid());
        var outsider = service.As(service.A, "org-admin");
        var outside = await Json.ReadAsync(await outsider.PostAsJsonAsync("/api/v1/members", hidden), HttpStatusCode.BadRequest);
        var none = await Json.ReadAsync(await outsider.PostAsJsonAsync("/api/v1/members", missing), HttpStatusCode.BadRequest);
        Assert.Equal(none.GetProperty("errors").ToString(), outside.GetProperty("errors").ToString());
        Assert.Equal(HttpStatusCode.Forbidden, (await service.As(service.T2, "staff").PostAsJsonAsync("/api/v1/members", hidden)).StatusCode);
    }

    [Fact]
    public async Task Exact_lookup_by_identity_number_or_phone_stays_within_the_callers_scope()
    {
        var (body, idNumber, phone) = service.NewMember(service.B);
        var member = await Json.ReadAsync(await service.Admin().PostAsJsonAsync("/api/v1/members", body), HttpStatusCode.Created);

        async Task<List<Guid>> LookupAsync(HttpClient client, object query) =>
            (await Json.ReadAsync(await client.PostAsJsonAsync("/api/v1/members/lookup", query), HttpStatusCode.OK))
                .GetProperty("items").EnumerateArray().Select(m => m.Id()).ToList();

        Assert.Equal([member.Id()], await LookupAsync(service.Looker(service.T1, "org-admin"), new { idNumber }));
        Assert.Equal([member.Id()], await LookupAsync(service.Looker(service.B, "viewer", "pii-reader"), new { phone = $"{phone[..3]}-{phone[3..7]}-{phone[7..]}" }));
        Assert.Equal([member.Id()], await LookupAsync(service.Looker(service.C, "admin"), new { idNumber, phone }));
        Assert.Empty(await LookupAsync(service.Looker(service.C, "admin"), new { idNumber, phone = "13900000000" }));
        Assert.Empty(await LookupAsync(service.Looker(service.A, "org-admin"), new { idNumber }));
        Assert.Empty(await LookupAsync(service.Looker(service.C, "admin"), new { idNumber = service.NewMember(service.B).IdNumber }));
        Assert.Equal(HttpStatusCode.BadRequest, (await service.Looker(service.C, "admin").PostAsJsonAsync("/api/v1/members/lookup", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await service.Looker(service.C, "admin").PostAsJsonAsync("/api/v1/members/lookup", new { idNumber = idNumber[..17] + "Y" })).StatusCode);
    }

    [Fact]
    public async Task Lookups_are_for_org_admin_and_pii_reader_with_a_reason_and_every_one_is_audited()
    {
        var (body, idNumber, _) = service.NewMember(service.B);
        var member = await Json.ReadAsync(await service.Admin().PostAsJsonAsync("/api/v1/members", body), HttpStatusCode.Created);

        foreach (var role in new[] { "viewer", "staff" })
        {
            var refused = await service.Looker(service.B, role).PostAsJsonAsync("/api/v1/members/lookup", new { idNumber });
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        var noReason = await service.As(service.B, "org-admin").PostAsJsonAsync("/api/v1/members/lookup", new { idNumber });
        Assert.True((await Json.ReadAsync(noReason, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("X-Reason", out _));

        var looker = service.Looker(service.B, "org-admin");
        using var hit = await looker.PostAsJsonAsync("/api/v1/members/lookup", new { idNumber });
        Assert.Equal(member.Id(), Assert.Single((await Json.ReadAsync(hit, HttpStatusCode.OK)).GetProperty("items").EnumerateArray()).Id());
        Assert.Equal("no-store", hit.Headers.CacheControl?.ToString());
        var miss = service.NewMember(service.B).IdNumber;
        await Json.ReadAsync(await looker.PostAsJsonAsync("/api/v1/members/lookup", new { idNumber = miss }), HttpStatusCode.OK);

        var audit = await Json.ReadAsync(await service.Admin().GetAsync($"/api/v1/members/personal-data-access?memberId={member.Id()}"), HttpStatusCode.OK);
        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.Equal("lookup", entry.Text("use"));
        Assert.Equal([member.Id()], entry.GetProperty("matchedMemberIds").EnumerateArray().Select(e => e.GetGuid()));
        Assert.Equal("核对党员身份", entry.Text("reason"));
        var subject = entry.Text("readerSubject");

        var all = await Json.ReadAsync(await service.Admin().GetAsync("/api/v1/members/personal-data-access?limit=200"), HttpStatusCode.OK);
        var mine = all.GetProperty("items").EnumerateArray().Where(e => e.Text("readerSubject") == subject).ToList();
        Assert.Equal(2, mine.Count);
        var missed = Assert.Single(mine, e => e.GetProperty("matchedMemberIds").GetArrayLength() == 0);
        Assert.Equal(("lookup", JsonValueKind.Null), (missed.Text("use"), missed.GetProperty("memberId").ValueKind));
    }

    [Fact]
    public async Task A_caller_gets_thirty_lookups_a_minute_and_the_next_is_a_429_until_the_minute_has_passed()
    {
        var looker = service.Looker(service.T1, "org-admin");
        var guesses = Enumerable.Range(0, LookupAllowanceUnderTest + 1).Select(i => $"1380000{i:D4}").ToList();
        foreach (var phone in guesses[..LookupAllowanceUnderTest])
        {
            Assert.Equal(HttpStatusCode.OK, (await looker.PostAsJsonAsync("/api/v1/members/lookup", new { phone })).StatusCode);
        }

        using var refused = await looker.PostAsJsonAsync("/api/v1/members/lookup", new { phone = guesses[^1] });
        Assert.Equal("lookup-limit", (await Json.ReadAsync(refused, HttpStatusCode.TooManyRequests)).Text("code"));
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await service.Looker(service.T1, "org-admin").PostAsJsonAsync("/api/v1/members/lookup", new { phone = guesses[^1] })).StatusCode);

        service.Host.Time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.OK, (await looker.PostAsJsonAsync("/api/v1/members/lookup", new { phone = guesses[^1] })).StatusCode);
    }

    private const int LookupAllowanceUnderTest = 30;

    [Fact]
    public async Task Member_responses_carry_the_birth_year_not_the_date_beside_the_masked_number()
    {
        var (body, idNumber, _) = service.NewMember(service.A);
        var created = await Json.ReadAsync(await service.Admin().PostAsJsonAsync("/api/v1/members", body), HttpStatusCode.Created);
        var shown = await Json.ReadAsync(await service.As(service.A, "viewer").GetAsync($"/api/v1/members/{created.Id()}"), HttpStatusCode.OK);

        Assert.False(shown.TryGetProperty("birthDate", out _), shown.ToString());
        Assert.Equal(int.Parse(idNumber[6..10]), shown.GetProperty("birthYear").GetInt32());
    }

    [Fact]
    public async Task Personal_data_never_reaches_the_logs_even_when_requests_fail()
    {
        var (body, idNumber, phone) = service.NewMember(service.A);
        await Json.ReadAsync(await service.Admin().PostAsJsonAsync("/api/v1/members", body), HttpStatusCode.Created);
        await Json.ReadAsync(await service.Admin().PostAsJsonAsync("/api/v1/members", body), HttpStatusCode.Conflict);
        await service.Looker(service.C, "admin").PostAsJsonAsync("/api/v1/members/lookup", new { idNumber, phone });
        var broken = System.Text.Json.JsonSerializer.SerializeToNode(body)!.AsObject();
        broken["birthDate"] = "not a date";
        await service.Admin().PostAsJsonAsync("/api/v1/members", broken);

        Assert.NotEmpty(service.Host.Logs.Lines);
        Assert.DoesNotContain(service.Host.Logs.Lines, line => line.Contains(idNumber, StringComparison.Ordinal) || line.Contains(phone, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_retried_registration_with_its_idempotency_key_returns_the_first_member()
    {
        var key = Guid.NewGuid().ToString();
        var (body, _, _) = service.NewMember(service.A);
        async Task<HttpResponseMessage> SendAsync(object content)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/members") { Content = JsonContent.Create(content) };
            request.Headers.Add("Idempotency-Key", key);
            return await service.Admin().SendAsync(request);
        }

        var first = await Json.ReadAsync(await SendAsync(body), HttpStatusCode.Created);
        var again = await Json.ReadAsync(await SendAsync(body), HttpStatusCode.Created);
        Assert.Equal(first.Id(), again.Id());
        Assert.Equal(first.Text("idNumber"), again.Text("idNumber"));
        Assert.Equal("idempotency-key-reused", (await Json.ReadAsync(await SendAsync(service.NewMember(service.A).Body), HttpStatusCode.Conflict)).Text("code"));
    }

    [Fact]
    public async Task Lists_mask_and_cover_an_organisation_or_its_subtree()
    {
        var inA = await service.RegisterAsync(service.A);
        var inT1 = await service.RegisterAsync(service.T1);
        var own = await Json.ReadAsync(await service.Admin().GetAsync($"/api/v1/members?orgId={service.T1}&limit=200"), HttpStatusCode.OK);
        var subtree = await Json.ReadAsync(await service.Admin().GetAsync($"/api/v1/members?orgId={service.T1}&subtree=true&limit=200"), HttpStatusCode.OK);

        var ownIds = own.GetProperty("items").EnumerateArray().Select(m => m.Id()).ToList();
        var subtreeIds = subtree.GetProperty("items").EnumerateArray().Select(m => m.Id()).ToList();
        Assert.Contains(inT1.Id(), ownIds);
        Assert.DoesNotContain(inA.Id(), ownIds);
        Assert.Contains(inA.Id(), subtreeIds);
        Assert.All(subtree.GetProperty("items").EnumerateArray(), m =>
        {
            Assert.Matches(@"^\d{4}\*{10}[\dX]{4}$", m.Text("idNumber"));
            Assert.Matches(@"^\d{3}\*+\d{4}$", m.Text("phone"));
        });
    }

    [Fact]
    public async Task Personal_data_needs_pii_reader_and_a_reason_and_every_reveal_is_audited()
    {
        var (body, idNumber, phone) = service.NewMember(service.A);
        var member = await Json.ReadAsync(await service.Admin().PostAsJsonAsync("/api/v1/members", body), HttpStatusCode.Created);
        var path = $"/api/v1/members/{member.Id()}/personal-data";

        Assert.Equal(HttpStatusCode.Forbidden, (await service.Admin().GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.As(service.A, "org-admin").GetAsync(path)).StatusCode);

        var reader = service.As(service.T1, "viewer", "pii-reader");
        var noReason = await reader.GetAsync(path);
        Assert.True((await Json.ReadAsync(noReason, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("X-Reason", out _));

        var outsider = service.As(service.T2, "viewer", "pii-reader");
        outsider.DefaultRequestHeaders.Add("X-Reason", Uri.EscapeDataString("核对身份"));
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(path)).StatusCode);

        reader.DefaultRequestHeaders.Add("X-Reason", Uri.EscapeDataString("办理低保核对身份"));
        using var revealed = await reader.GetAsync(path);
        var data = await Json.ReadAsync(revealed, HttpStatusCode.OK);
        Assert.Equal(idNumber, data.Text("idNumber"));
        Assert.Equal(phone, data.Text("phone"));
        Assert.Equal("no-store", revealed.Headers.CacheControl?.ToString());

        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync($"/api/v1/members/personal-data-access?memberId={member.Id()}")).StatusCode);
        var audit = await Json.ReadAsync(await service.Admin().GetAsync($"/api/v1/members/personal-data-access?memberId={member.Id()}"), HttpStatusCode.OK);
        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.Equal("办理低保核对身份", entry.Text("reason"));
        Assert.Equal("test-viewer-pii-reader", entry.Text("readerSubject"));
        Assert.Equal(service.T1, entry.GetProperty("readerOrgId").GetGuid());
    }

    [Fact]
    public async Task Each_role_reads_and_changes_only_what_its_scope_allows()
    {
        var (body, _, _) = service.NewMember(service.A);
        var member = await Json.ReadAsync(await service.As(service.A, "org-admin").PostAsJsonAsync("/api/v1/members", body), HttpStatusCode.Created);
        var detail = $"/api/v1/members/{member.Id()}";

        Assert.Equal(HttpStatusCode.OK, (await service.As(service.T1, "viewer").GetAsync(detail)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.As(service.A, "staff").GetAsync(detail)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await service.As(service.T2, "org-admin").GetAsync(detail)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await service.As(service.B, "viewer").GetAsync(detail)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await service.As(service.T2, "viewer").GetAsync($"/api/v1/members?orgId={service.A}")).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await service.As(service.A, "viewer").PostAsJsonAsync("/api/v1/members", service.NewMember(service.A).Body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.As(service.A, "staff").PostAsJsonAsync("/api/v1/members", service.NewMember(service.A).Body)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await service.As(service.A, "org-admin").PostAsJsonAsync("/api/v1/members", service.NewMember(service.B).Body)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await service.As(service.T1, "org-admin").PostAsJsonAsync("/api/v1/members", service.NewMember(service.B).Body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.As(service.T1, "viewer").PostAsJsonAsync($"{detail}/leave", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.As(service.B, "org-admin").PostAsJsonAsync($"{detail}/leave", new { reason = "x" })).StatusCode);

        var dissolved = await service.Admin().PostAsJsonAsync("/api/v1/members", service.NewMember(service.X).Body);
        Assert.Equal("organisation-dissolved", (await Json.ReadAsync(dissolved, HttpStatusCode.UnprocessableEntity)).Text("code"));
    }

    [Fact]
    public async Task Probation_conversion_and_leaving()
    {
        var (body, _, _) = service.NewMember(service.A, status: "probationary");
        var json = System.Text.Json.JsonSerializer.SerializeToNode(body)!.AsObject();
        json["joinedOn"] = service.Today.AddMonths(-6).ToString("yyyy-MM-dd");
        var member = await Json.ReadAsync(await service.Admin().PostAsJsonAsync("/api/v1/members", json), HttpStatusCode.Created);
        Assert.Equal("probationary", member.Text("status"));
        Assert.Equal(service.Today.AddMonths(-6).AddYears(1).ToString("yyyy-MM-dd"), member.Text("probationEndsOn"));

        var early = await service.Admin().PostAsJsonAsync($"/api/v1/members/{member.Id()}/full-membership", new { });
        Assert.Equal("probation-not-over", (await Json.ReadAsync(early, HttpStatusCode.UnprocessableEntity)).Text("code"));

        json["idNumber"] = service.NewMember(service.A).IdNumber;
        json["birthDate"] = $"{json["idNumber"]!.GetValue<string>()[6..10]}-{json["idNumber"]!.GetValue<string>()[10..12]}-{json["idNumber"]!.GetValue<string>()[12..14]}";
        json["joinedOn"] = service.Today.AddYears(-1).ToString("yyyy-MM-dd");
        var due = await Json.ReadAsync(await service.Admin().PostAsJsonAsync("/api/v1/members", json), HttpStatusCode.Created);
        var converted = await Json.ReadAsync(await service.Admin().PostAsJsonAsync($"/api/v1/members/{due.Id()}/full-membership", new { }), HttpStatusCode.OK);
        Assert.Equal("full", converted.Text("status"));
        Assert.Equal(service.Today.ToString("yyyy-MM-dd"), converted.Text("fullMembershipOn"));
        var twice = await service.Admin().PostAsJsonAsync($"/api/v1/members/{due.Id()}/full-membership", new { });
        Assert.Equal("not-probationary", (await Json.ReadAsync(twice, HttpStatusCode.Conflict)).Text("code"));

        var noReason = await service.Admin().PostAsJsonAsync($"/api/v1/members/{due.Id()}/leave", new { });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var left = await Json.ReadAsync(await service.Admin().PostAsJsonAsync($"/api/v1/members/{due.Id()}/leave", new { reason = "自愿退党" }), HttpStatusCode.OK);
        Assert.Equal("left", left.Text("status"));
        Assert.Equal("自愿退党", left.Text("leftReason"));
    }
}
