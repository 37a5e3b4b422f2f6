using System.Collections.Concurrent;
using System.Text.Json;
using static PartyGrid.DemoData.DemoApi;

namespace PartyGrid.DemoData;

/// <summary>
/// Loads the demo county through the public API, so that every event flows as in real use:
/// the tree (import, by code), service sites, members, service teams, tickets worked to every kind
/// of end, six months of history from the old register (import, by reference), and urban–rural
/// pairings with activities. Running it again changes nothing: the tree is
/// imported by code, creates carry fixed Idempotency-Keys, and a ticket is only worked while it is
/// still as it was taken in.
/// </summary>
public sealed partial class DemoCountyLoader(DemoApi api, TimeProvider time, ILogger<DemoCountyLoader> logger)
{
    private const int TicketsPerVillage = 8;
    private const int TicketsPerTownship = 4;
    private static readonly HttpMethod Post = HttpMethod.Post;
    private static readonly HttpMethod Get = HttpMethod.Get;

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        Expect(await api.AsAdminAsync(Post, "/api/v1/organisations/import", new { organisations = ZunyiCounty.ImportRows().ToList() }, cancellationToken: cancellationToken), "import");
        var tree = await TreeAsync(cancellationToken);
        LogStep(logger, "organisations", tree.Count);

        foreach (var (code, org) in tree)
        {
            if (Site(org) is { } site)
            {
                Expect(await api.AsAdminAsync(HttpMethod.Put, $"/api/v1/organisations/{org.Id}/service-site", site, cancellationToken: cancellationToken), $"site of {code}");
            }
        }

        var withPeople = tree.Values.Where(o => o.Tier != "group").ToList();
        await VisibleAsync("members", withPeople, o => $"/api/v1/members?orgId={o.Id}&limit=1", cancellationToken);
        var members = new ConcurrentDictionary<Guid, List<Guid>>();
        await Parallel.ForEachAsync(Enumerable.Range(0, withPeople.Count), Parallelism(cancellationToken), async (i, ct) =>
        {
            var org = withPeople[i];
            var ids = new List<Guid>();
            for (var n = 0; n < (org.Tier == "county" ? 2 : 4); n++)
            {
                var member = Expect(await api.AsAdminAsync(Post, "/api/v1/members", DemoMembers.Body(org.Id, org.Code, i, n), DemoMembers.IdempotencyKey(org.Code, n), ct), $"member {org.Code}-{n}");
                ids.Add(member.GetProperty("id").GetGuid());
            }

            members[org.Id] = ids;
        });

        LogStep(logger, "members", members.Values.Sum(m => m.Count));
        await ServiceTeamsAsync(tree, members, cancellationToken);

        var intake = tree.Values.Where(o => o.Tier is "village" or "township").ToList();
        await VisibleAsync("tickets", intake, o => $"/api/v1/tickets?orgId={o.Id}&limit=1", cancellationToken);
        var worked = 0;
        await Parallel.ForEachAsync(intake, Parallelism(cancellationToken), async (org, ct) =>
        {
            var matters = org.Tier == "village" ? DemoMatters.Village : DemoMatters.Township;
            for (var n = 0; n < (org.Tier == "village" ? TicketsPerVillage : TicketsPerTownship); n++)
            {
                if (await TicketAsync(tree, org, matters[(org.Index + n) % matters.Length], n, members, ct))
                {
                    Interlocked.Increment(ref worked);
                }
            }
        });

        LogStep(logger, "tickets worked", worked);
        var history = 0;
        foreach (var (month, rows) in DemoHistory.Registers(intake, time.GetUtcNow()))
        {
            var imported = Expect(await api.AsAdminAsync(Post, "/api/v1/tickets/import", new { tickets = rows }, cancellationToken: cancellationToken), $"register of {month}");
            history += imported.GetProperty("imported").GetInt32();
        }

        LogStep(logger, "history tickets imported", history);
        LogStep(logger, "survey answers", await SurveysAsync(tree, members, cancellationToken));
        await PairingsAsync(tree, cancellationToken);
        LogLoaded(logger, ZunyiCounty.Name);
    }

    /// <summary>A few organisations at a time: enough to keep two cores busy without queueing at the services.</summary>
    private static ParallelOptions Parallelism(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken };

    private async Task<Dictionary<string, DemoOrganisation>> TreeAsync(CancellationToken cancellationToken)
    {
        var found = Expect(await api.AsAdminAsync(Get, $"/api/v1/organisations?query={ZunyiCounty.Code}", cancellationToken: cancellationToken), "county");
        var county = found.GetProperty("items").EnumerateArray().Single(o => o.GetProperty("code").GetString() == ZunyiCounty.Code);
        var listed = await api.AllPagesAsync($"/api/v1/organisations/{county.GetProperty("id").GetGuid()}/subtree", "subtree", cancellationToken);
        return listed
            .Select((o, i) => new DemoOrganisation(
                o.GetProperty("id").GetGuid(), o.GetProperty("code").GetString()!, o.GetProperty("name").GetString()!,
                o.GetProperty("tier").GetString()!, o.GetProperty("area").GetString()!,
                o.TryGetProperty("parentId", out var p) && p.ValueKind == JsonValueKind.String ? p.GetGuid() : null, i))
            .Where(o => o.Code.StartsWith(ZunyiCounty.Code, StringComparison.Ordinal))
            .ToDictionary(o => o.Code);
    }

    /// <summary>Every township and community has a centre; villages mostly; the first group of a village a convenience point.</summary>
    private static object? Site(DemoOrganisation org)
    {
        var parts = org.Code.Split('-');
        var open = org.Tier switch
        {
            "county" or "township" => true,
            "village" when org.Area == "urban" => true,
            "village" => ZunyiCounty.HasStation(int.Parse(parts[1]) - 1, int.Parse(parts[2]) - 1),
            _ => parts[^1] == "01",
        };
        if (!open)
        {
            return null;
        }

        var kind = org.Tier switch { "county" => "党群服务中心", "township" => "便民服务中心", "village" => "服务站", _ => "便民服务点" };
        return new
        {
            name = org.Name + kind,
            address = $"遵义县{org.Name}",
            phone = $"0851-2{org.Index:D3}{org.Index * 37 % 10000:D4}"[..13],
            openingHours = "周一至周五 9:00-17:00，周六 9:00-12:00",
            windows = org.Tier is "group" ? new[] { "代办" } : ["代办", "调解", "咨询", "帮扶"],
            staffOnDuty = new[] { "值班员" },
            open = true,
        };
    }

    private async Task ServiceTeamsAsync(Dictionary<string, DemoOrganisation> tree, IReadOnlyDictionary<Guid, List<Guid>> members, CancellationToken cancellationToken)
    {
        foreach (var township in tree.Values.Where(o => o.Tier == "township"))
        {
            var teams = Expect(await api.AsAdminAsync(Get, $"/api/v1/service-teams?orgId={township.Id}", cancellationToken: cancellationToken), "teams");
            if (teams.GetProperty("items").GetArrayLength() > 0)
            {
                continue;
            }

            var team = Expect(await api.AsAdminAsync(Post, "/api/v1/service-teams", new
            {
                orgId = township.Id, name = $"{township.Name}党员志愿服务队", skills = new[] { "农技", "法律", "帮扶" }, description = "为群众代办、调解、帮扶",
            }, cancellationToken: cancellationToken), "team");
            foreach (var member in members[township.Id])
            {
                Expect(await api.AsAdminAsync(Post, $"/api/v1/service-teams/{team.GetProperty("id").GetGuid()}/members", new { memberId = member }, cancellationToken: cancellationToken), "volunteer");
            }
        }
    }

    /// <summary>Takes in one ticket and, if it is still as taken in, works it to its planned end. True when anything was done to it now.</summary>
    private async Task<bool> TicketAsync(
        Dictionary<string, DemoOrganisation> tree, DemoOrganisation org, DemoMatters.Matter matter, int n,
        IReadOnlyDictionary<Guid, List<Guid>> members, CancellationToken cancellationToken)
    {
        var seed = org.Index * 11 + n;
        var body = new
        {
            intakeOrgId = org.Id,
            category = matter.Category,
            item = matter.Item,
            title = matter.Title,
            description = matter.Description,
            requester = new { name = DemoMatters.Person(seed + 5), phone = $"138{seed * 104729 % 100_000_000:D8}", address = $"{org.Name}" },
            channel = DemoMatters.Channels[seed % DemoMatters.Channels.Length],
            priority = n % 5 == 4 ? "urgent" : "normal",
            attributes = DemoMatters.AttributesFor(matter, org.Code, n),
        };
        var created = Expect(await api.AsAdminAsync(Post, "/api/v1/tickets", body, $"demo-ticket-{org.Code}-{n}", cancellationToken), $"ticket {org.Code}-{n}");
        var id = created.GetProperty("id").GetGuid();
        var now = Expect(await api.AsAdminAsync(Get, $"/api/v1/tickets/{id}", cancellationToken: cancellationToken), "ticket");
        if (now.GetProperty("timeline").GetArrayLength() != 1)
        {
            return false;
        }

        var holder = now.GetProperty("currentOrgId").GetGuid();
        async Task Act(string action, object? payload = null) =>
            Expect(await api.AsAdminAsync(Post, $"/api/v1/tickets/{id}/{action}", payload ?? new { }, cancellationToken: cancellationToken), $"{action} {org.Code}-{n}");

        // Tickets learns of a member from the bus, moments after members records them: until then the assignee is unknown (400).
        async Task AssignAsync(Guid member)
        {
            for (var attempt = 1; ; attempt++)
            {
                var answer = await api.AsAdminAsync(Post, $"/api/v1/tickets/{id}/assign", new { memberId = member }, cancellationToken: cancellationToken);
                if (answer.Status != System.Net.HttpStatusCode.BadRequest || attempt == 240)
                {
                    Expect(answer, $"assign {org.Code}-{n}");
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }
        }

        switch (DemoMatters.OutcomeOf(seed))
        {
            case DemoMatters.Outcome.AssignedAndSatisfied:
                await Act("accept");
                await AssignAsync(members[holder][0]);
                await Act("resolve", new { resolution = "党员志愿者上门办理完毕" });
                await Act("rate", new { score = 5, comment = "办事快，态度好" });
                break;
            case DemoMatters.Outcome.ResolvedAndRated4:
                await Act("accept");
                await Act("resolve", new { resolution = "已按政策办理并告知群众" });
                await Act("rate", new { score = 4 });
                break;
            case DemoMatters.Outcome.EscalatedAndResolved when org.Tier == "village":
                await Act("accept");
                await Act("escalate", new { reason = "超出村级权限，需镇相关站所协调" });
                await Act("accept");
                await Act("resolve", new { resolution = "镇司法所、国土所联合调处完毕" });
                await Act("rate", new { score = 5 });
                break;
            case DemoMatters.Outcome.InProgress or DemoMatters.Outcome.EscalatedAndResolved:
                await Act("accept");
                break;
            case DemoMatters.Outcome.RectifiedAfterPoorRating:
                await Act("accept");
                await Act("resolve", new { resolution = "已协调处理" });
                await Act("rate", new { score = 2, comment = "问题没有彻底解决" });
                await Act("resolve", new { resolution = "整改后再次上门，问题已彻底解决" });
                await Act("rate", new { score = 4 });
                break;
            case DemoMatters.Outcome.WaitingForRequester:
                await Act("accept");
                await Act("suspend", new { reason = "等待群众补充户口簿复印件" });
                break;
            case DemoMatters.Outcome.Cancelled:
                await Act("cancel", new { reason = "群众已自行办理，撤回诉求" });
                break;
            case DemoMatters.Outcome.JustSubmitted:
                return false;
        }

        return true;
    }

    /// <summary>
    /// This month's satisfaction surveys (双满意): every member of a village or community answers about it,
    /// mostly satisfied, and a resident served there answers too. The county records them, never the
    /// village itself. A second load finds them answered (409) and goes on.
    /// </summary>
    private async Task<int> SurveysAsync(Dictionary<string, DemoOrganisation> tree, IReadOnlyDictionary<Guid, List<Guid>> members, CancellationToken cancellationToken)
    {
        var answered = 0;
        var villages = tree.Values.Where(o => o.Tier == "village").ToList();
        await Parallel.ForEachAsync(villages, Parallelism(cancellationToken), async (org, ct) =>
        {
            var ticket = Expect(await api.AsAdminAsync(Get, $"/api/v1/tickets?orgId={org.Id}&limit=1", cancellationToken: ct), "a village ticket")
                .GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()).FirstOrDefault();
            var answers = members[org.Id].Select((member, n) => (object)new
            {
                orgId = org.Id, respondent = "member", respondentMemberId = member, score = (org.Index + n) % 9 == 0 ? 2 : (org.Index + n) % 4 == 0 ? 3 : 5,
            }).ToList();
            if (ticket != Guid.Empty)
            {
                answers.Add(new { orgId = org.Id, respondent = "resident", ticketId = ticket, score = org.Index % 6 == 0 ? 3 : 5, comment = "服务站办事方便" });
            }

            foreach (var answer in answers)
            {
                if (await SurveyAsync(answer, ct))
                {
                    Interlocked.Increment(ref answered);
                }
            }
        });
        return answered;
    }

    /// <summary>Assessment learns of members and tickets from the bus moments after they are made: until then it names them unknown (400).</summary>
    private async Task<bool> SurveyAsync(object answer, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var reply = await api.AsAdminAsync(Post, "/api/v1/surveys", answer, cancellationToken: cancellationToken);
            if (reply.Status == System.Net.HttpStatusCode.Conflict)
            {
                return false;
            }

            if (reply.Status != System.Net.HttpStatusCode.BadRequest || attempt == 240)
            {
                Expect(reply, "survey answer");
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    private async Task PairingsAsync(Dictionary<string, DemoOrganisation> tree, CancellationToken cancellationToken)
    {
        var pairs = Enumerable.Range(0, ZunyiCounty.Communities.Length)
            .Select(c => (Urban: tree[ZunyiCounty.CommunityCode(c)], Rural: tree[ZunyiCounty.VillageCode(c + 2, 1)]))
            .ToList();
        await VisibleAsync("pairing", pairs.SelectMany(p => new[] { p.Urban, p.Rural }).ToList(), o => $"/api/v1/pairings?orgId={o.Id}&limit=1", cancellationToken);
        foreach (var (urban, rural) in pairs)
        {
            var pairing = Expect(await api.AsAdminAsync(Post, "/api/v1/pairings", new
            {
                urbanOrgId = urban.Id,
                ruralOrgId = rural.Id,
                startsOn = new DateOnly(2026, 3, 1),
                endsOn = new DateOnly(2027, 2, 28),
                commitments = new object[]
                {
                    new { kind = "funds", description = "帮扶资金用于产业发展", target = 50000m, unit = "元", dueOn = new DateOnly(2026, 12, 31) },
                    new { kind = "visit", description = "结对走访困难群众", target = 12m, unit = "次", dueOn = new DateOnly(2027, 2, 28) },
                    new { kind = "training", description = "电商与种养殖技术培训", target = 4m, unit = "期", dueOn = new DateOnly(2026, 12, 31) },
                },
            }, $"demo-pairing-{urban.Code}", cancellationToken), "pairing");
            var id = pairing.GetProperty("id").GetGuid();
            var commitments = pairing.GetProperty("commitments").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToList();
            if (pairing.GetProperty("status").GetString() == "proposed")
            {
                var activated = await api.AsAdminAsync(Post, $"/api/v1/pairings/{id}/activate", new { }, cancellationToken: cancellationToken);
                if (!activated.Ok && activated.Status != System.Net.HttpStatusCode.Conflict)
                {
                    Expect(activated, "activate");
                }
            }

            object[] activities =
            [
                new { kind = "funds", occurredOn = new DateOnly(2026, 4, 15), participants = 6, fundsYuan = 20000m, description = "拨付辣椒基地帮扶资金", commitmentId = commitments[0] },
                new { kind = "visit", occurredOn = new DateOnly(2026, 5, 20), participants = 12, description = "走访慰问留守老人", commitmentId = commitments[1], amount = 3m },
                new { kind = "training", occurredOn = new DateOnly(2026, 6, 18), participants = 45, description = "农村电商直播培训", commitmentId = commitments[2], amount = 1m },
                new { kind = "joint-meeting", occurredOn = new DateOnly(2026, 7, 1), participants = 30, description = "城乡党组织联合主题党日" },

                // By the autumn most of what was promised for the year is delivered; the last pairing lags on its funds.
                new { kind = "funds", occurredOn = new DateOnly(2026, 9, 10), participants = 4, fundsYuan = urban.Code == ZunyiCounty.CommunityCode(ZunyiCounty.Communities.Length - 1) ? 10000m : 30000m,
                    description = "拨付第二批产业帮扶资金", commitmentId = commitments[0] },
                new { kind = "training", occurredOn = new DateOnly(2026, 10, 16), participants = 38, description = "辣椒种植与电商销售培训（三期）", commitmentId = commitments[2], amount = 3m },
                new { kind = "visit", occurredOn = new DateOnly(2026, 11, 5), participants = 10, description = "入户走访困难群众", commitmentId = commitments[1], amount = 5m },
            ];
            for (var a = 0; a < activities.Length; a++)
            {
                Expect(await api.AsAdminAsync(Post, $"/api/v1/pairings/{id}/activities", activities[a], $"demo-activity-{urban.Code}-{a}", cancellationToken), "activity");
            }
        }
    }

    /// <summary>Waits until a service's projection of the tree holds every one of these organisations.</summary>
    private async Task VisibleAsync(string service, IReadOnlyList<DemoOrganisation> organisations, Func<DemoOrganisation, string> probe, CancellationToken cancellationToken)
    {
        var missing = organisations.ToList();
        for (var attempt = 0; missing.Count > 0; attempt++)
        {
            if (attempt == 240)
            {
                throw new TimeoutException($"{service} has not seen {missing.Count} organisations of the demo county after two minutes.");
            }

            var still = new List<DemoOrganisation>();
            foreach (var org in missing)
            {
                if ((await api.AsAdminAsync(Get, probe(org), cancellationToken: cancellationToken)).Status == System.Net.HttpStatusCode.NotFound)
                {
                    still.Add(org);
                }
            }

            missing = still;
            if (missing.Count > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo county: {Step} done ({Count})")]
    private static partial void LogStep(ILogger logger, string step, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo county {County} loaded")]
    private static partial void LogLoaded(ILogger logger, string county);
}

public sealed record DemoOrganisation(Guid Id, string Code, string Name, string Tier, string Area, Guid? ParentId, int Index);
