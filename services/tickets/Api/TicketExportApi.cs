using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using PartyGrid.ServiceDefaults.Export;
using PartyGrid.ServiceDefaults.Hosting;
using PartyGrid.ServiceDefaults.Paging;
using PartyGrid.ServiceDefaults.PersonalData;
using PartyGrid.Tickets.Catalogue;

namespace PartyGrid.Tickets.Api;

/// <summary>
/// The queue as an Excel workbook, as offices keep their registers: the same filter and the same
/// figures as <c>GET /tickets</c> (each row is built from the ticket's API answer), in Chinese,
/// oldest first, read in chunks so that an export of a whole county neither holds a connection for
/// the length of the download nor the whole list in memory.
/// </summary>
public static class TicketExportApi
{
    private const int Chunk = 500;

    public static RouteGroupBuilder MapTicketExportApi(this RouteGroupBuilder api)
    {
        api.MapGet("/export", Export).WithSummary(
            "The tickets of GET /tickets for the same filter as an Excel workbook (.xlsx) with Chinese headers, oldest first; the requester masked as in the list.");
        return api;
    }

    private static readonly XlsxColumn[] Columns =
    [
        new("工单编号", 18), new("标题", 30), new("类别", 10), new("服务事项", 18), new("受理站点", 20), new("当前站点", 20),
        new("当前层级", 10), new("状态", 10), new("优先级", 8), new("渠道", 10), new("诉求人", 10), new("联系电话", 14),
        new("受理时间", 17), new("响应期限", 17), new("办结期限", 17), new("办结时间", 17), new("超期", 6), new("预警", 6),
        new("督办", 6), new("上报次数", 9), new("重办次数", 9), new("评价", 6),
    ];

    private static async Task<Results<XlsxFile, ValidationProblem, ProblemHttpResult>> Export(
        [AsParameters] TicketFilter filter, Caller caller, TicketsDbContext db, TicketAccess access, TicketReferenceData reference,
        PersonalDataProtector protector, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (filter.Read(errors) is not { } selection)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var now = time.GetUtcNow();
        if (await selection.RowsAsync(caller, access, now, cancellationToken) is not { } rows)
        {
            return Problems.NotFound("The organisation");
        }

        var catalogue = (await reference.CurrentAsync(cancellationToken)).Catalogue;
        var day = ChinaTime.Today(time);
        return new XlsxFile($"工单-{day:yyyyMMdd}", "工单", Columns, Rows(rows, db, catalogue, t => TicketResponse.From(t, caller, protector, now)));
    }

    private static async IAsyncEnumerable<IReadOnlyList<object?>> Rows(
        IQueryable<Ticket> rows, TicketsDbContext db, ServiceCatalogue catalogue, Func<Ticket, TicketResponse> answer,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var names = new Dictionary<Guid, string>();
        Guid? after = null;
        while (true)
        {
            var chunk = await rows.After(after, Chunk).ToListAsync(cancellationToken);
            var unknown = chunk.SelectMany(t => new[] { t.IntakeOrganisationId, t.CurrentOrganisationId }).Where(id => !names.ContainsKey(id)).Distinct().ToList();
            foreach (var org in await db.Organisations.AsNoTracking().Where(o => unknown.Contains(o.Id)).Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken))
            {
                names[org.Id] = org.Name;
            }

            foreach (var ticket in chunk)
            {
                var t = answer(ticket);
                var category = catalogue.Categories.FirstOrDefault(c => c.Category == ticket.Category);
                yield return
                [
                    t.Number, t.Title, category?.Name ?? t.Category, catalogue.Find(ticket.Category, ticket.Item)?.Name ?? t.Item,
                    names.GetValueOrDefault(t.IntakeOrgId), names.GetValueOrDefault(t.CurrentOrgId),
                    TicketWords.Tier(ticket.CurrentTier), TicketWords.Status(ticket.Status), TicketWords.Priority(ticket.Priority), TicketWords.Channel(ticket.Channel),
                    t.Requester.Name, t.Requester.Phone, t.SubmittedAt, t.ResponseDueAt, t.ResolutionDueAt, t.ResolvedAt,
                    t.Overdue, t.Warned, t.Supervised, t.EscalationCount, t.ReopenCount, t.Rating,
                ];
            }

            if (chunk.Count < Chunk)
            {
                yield break;
            }

            after = chunk[^1].Id;
        }
    }
}
