using Microsoft.AspNetCore.Http.HttpResults;
using PartyGrid.ServiceDefaults.PersonalData;
using PartyGrid.Tickets.Api;
using PartyGrid.Tickets.Catalogue;

namespace PartyGrid.Tickets.Open311;

/// <summary>
/// GeoReport v2 service requests: submitted (form-encoded, with a partner's <c>api_key</c>, which the
/// gateway turns into the partner's identity), listed, read one by one, and their status updates
/// since a time (the FixMyStreet extension). Every read is held to what the same caller sees through
/// the JSON API; a request is a ticket like any other.
/// </summary>
public static class Open311RequestsApi
{
    public const int MostRequests = 1000;
    private const string Family = "tickets";

    public static void MapOpen311Requests(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Open311Api.Root).AllowAnonymous().ExcludeFromDescription();
        api.MapPost("/requests.{format}", Submit);
        api.MapGet("/requests.{format}", List);
        api.MapGet("/requests/{id}.{format}", One);
        api.MapGet("/servicerequestupdates.{format}", Updates);
    }

    private static async Task<Open311Answer> Submit(
        string format, HttpContext http, [AsParameters] IntakeServices intake, CancellationToken cancellationToken)
    {
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(cancellationToken) : null;
        var (caller, refusal) = await AdmitAsync(http, format, form?["jurisdiction_id"], intake.Db, cancellationToken);
        if (caller is null)
        {
            return refusal!;
        }

        if (form is null)
        {
            return Open311Answer.Error(StatusCodes.Status400BadRequest, "the request must be application/x-www-form-urlencoded", format);
        }

        var catalogue = (await intake.Reference.CurrentAsync(cancellationToken)).Catalogue;
        var (request, errors) = await Open311Submission.ReadAsync(form, caller, catalogue, intake.Db, cancellationToken);
        if (request is null)
        {
            return Open311Answer.Errors(StatusCodes.Status400BadRequest, errors, format);
        }

        switch ((await intake.TakeInAsync(request, caller, cancellationToken)).Result)
        {
            case Created<TicketResponse> { Value: { } ticket }:
                var site = await intake.Db.Organisations.Where(o => o.Id == ticket.CurrentOrgId).Select(o => o.Name).SingleAsync(cancellationToken);
                return Open311Answer.Ok("service_requests", new Open311List("request",
                [
                    new Open311Object(
                    [
                        ("service_request_id", new Open311Text(ticket.Id.ToString())),
                        ("service_notice", new Open311Text($"已受理，受理编号 {ticket.Number}，由{site}办理")),
                        ("account_id", new Open311Text(null)),
                    ]),
                ]), format);
            case ValidationProblem invalid:
                return Open311Answer.Errors(StatusCodes.Status400BadRequest,
                    invalid.ProblemDetails.Errors.Select(e => $"{Open311Submission.FormField(e.Key)}: {string.Join("; ", e.Value)}"), format);
            case ProblemHttpResult problem:
                return Open311Answer.Error(problem.StatusCode is 403 or 404 ? problem.StatusCode : StatusCodes.Status400BadRequest,
                    problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "refused", format);
            default:
                throw new InvalidOperationException("The intake answered with a result Open311 does not know.");
        }
    }

    private static async Task<Open311Answer> List(
        string format, HttpContext http, [AsParameters] Open311Reads reads, CancellationToken cancellationToken)
    {
        var query = http.Request.Query;
        var (caller, refusal) = await AdmitAsync(http, format, query["jurisdiction_id"], reads.Db, cancellationToken);
        if (caller is null)
        {
            return refusal!;
        }

        var rows = await reads.Access.ListedAsync(caller, null, subtree: true, cancellationToken) ?? reads.Db.Tickets.Where(_ => false);
        if (Words(query["service_request_id"]) is { Count: > 0 } ids)
        {
            var wanted = ids.Select(i => Guid.TryParse(i, out var id) ? id : Guid.Empty).ToList();
            rows = rows.Where(t => wanted.Contains(t.Id));
        }
        else
        {
            var (window, error) = Open311Window.Read(query["start_date"], query["end_date"], reads.Time.GetUtcNow());
            if (window is null)
            {
                return Open311Answer.Error(StatusCodes.Status400BadRequest, error!, format);
            }

            rows = rows.Where(t => t.SubmittedAt >= window.Start && t.SubmittedAt <= window.End);
            if (Words(query["service_code"]) is { Count: > 0 } codes)
            {
                rows = rows.Where(t => codes.Contains(t.Item));
            }

            if (Words(query["status"]) is { Count: > 0 } words)
            {
                if (words.FirstOrDefault(w => w is not (Open311Status.Open or Open311Status.Closed)) is { } unknown)
                {
                    return Open311Answer.Error(StatusCodes.Status400BadRequest, $"status {unknown} is not one of open, closed", format);
                }

                var statuses = words.SelectMany(Open311Status.Members).ToList();
                rows = rows.Where(t => statuses.Contains(t.Status));
            }
        }

        var tickets = await rows.OrderByDescending(t => t.SubmittedAt).Take(MostRequests).ToListAsync(cancellationToken);
        return Open311Answer.Ok("service_requests", new Open311List("request", await reads.DescribeAsync(tickets, caller, cancellationToken)), format);
    }

    private static async Task<Open311Answer> One(
        string id, string format, HttpContext http, [AsParameters] Open311Reads reads, CancellationToken cancellationToken)
    {
        var query = http.Request.Query;
        var (caller, refusal) = await AdmitAsync(http, format, query["jurisdiction_id"], reads.Db, cancellationToken);
        if (caller is null)
        {
            return refusal!;
        }

        var ticket = Guid.TryParse(id, out var ticketId)
            ? await reads.Db.Tickets.AsNoTracking().IgnoreAutoIncludes().SingleOrDefaultAsync(t => t.Id == ticketId, cancellationToken)
            : null;
        if (ticket is null || !await reads.Access.SeesAsync(caller, ticket, cancellationToken))
        {
            return Open311Answer.Error(StatusCodes.Status404NotFound, $"service_request_id {id} is not a request this api_key may read", format);
        }

        return Open311Answer.Ok("service_requests", new Open311List("request", await reads.DescribeAsync([ticket], caller, cancellationToken)), format);
    }

    private static async Task<Open311Answer> Updates(
        string format, HttpContext http, [AsParameters] Open311Reads reads, CancellationToken cancellationToken)
    {
        var query = http.Request.Query;
        var (caller, refusal) = await AdmitAsync(http, format, query["jurisdiction_id"], reads.Db, cancellationToken);
        if (caller is null)
        {
            return refusal!;
        }

        var (window, error) = Open311Window.Read(query["start_date"], query["end_date"], reads.Time.GetUtcNow());
        if (window is null)
        {
            return Open311Answer.Error(StatusCodes.Status400BadRequest, error!, format);
        }

        var rows = await reads.Access.ListedAsync(caller, null, subtree: true, cancellationToken) ?? reads.Db.Tickets.Where(_ => false);
        var readable = rows.Select(t => t.Id);
        var entries = await reads.Db.Set<TimelineEntry>().AsNoTracking()
            .Where(e => readable.Contains(e.TicketId) && e.At >= window.Start && e.At <= window.End && e.Action != "commented")
            .OrderBy(e => e.Sequence)
            .Take(MostRequests)
            .ToListAsync(cancellationToken);
        var updates = entries
            .Select(e => (Entry: e, Description: Open311Status.Update(e.Action, e.Note)))
            .Where(u => u.Description is not null)
            .Select(u => (Open311Node)new Open311Object(
            [
                ("update_id", new Open311Text(u.Entry.Id.ToString())),
                ("service_request_id", new Open311Text(u.Entry.TicketId.ToString())),
                ("status", new Open311Text(Open311Status.ForUpdate(u.Entry.ToStatus))),
                ("updated_datetime", Open311Text.Time(u.Entry.At)),
                ("description", new Open311Text(u.Description)),
                ("media_url", new Open311Text(null)),
            ])).ToList();
        return Open311Answer.Ok("service_requests_updates", new Open311List("request_update", updates), format);
    }

    /// <summary>
    /// The format and jurisdiction checks every Open311 answer starts with, then a caller the gateway
    /// identified by api_key (or a staff token) whose scopes cover this method; else the spec's 403.
    /// </summary>
    private static async Task<(Caller? Caller, Open311Answer? Refusal)> AdmitAsync(
        HttpContext http, string format, Microsoft.Extensions.Primitives.StringValues? jurisdiction, TicketsDbContext db, CancellationToken cancellationToken)
    {
        var county = jurisdiction?.ToString() is { Length: > 0 } j ? j : null;
        if (await Open311Api.RefusalAsync(format, county, db, cancellationToken) is { } refusal)
        {
            return (null, refusal);
        }

        if (Caller.From(http.User) is not { } caller)
        {
            return (null, Open311Answer.Error(StatusCodes.Status403Forbidden, "api_key is missing or not valid", format));
        }

        return PartnerScopes.Allows(http.User, Family, http.Request.Method)
            ? (caller, null)
            : (null, Open311Answer.Error(StatusCodes.Status403Forbidden, $"this api_key lacks the scope {PartnerScopes.Required(Family, http.Request.Method)}", format));
    }

    private static List<string> Words(Microsoft.Extensions.Primitives.StringValues values) =>
        [.. values.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}

/// <summary>What an Open311 read needs, and how a ticket is described as a service request.</summary>
public sealed record Open311Reads(TicketsDbContext Db, TicketAccess Access, TicketReferenceData Reference, PersonalDataProtector Protector, TimeProvider Time)
{
    public async Task<List<Open311Node>> DescribeAsync(IReadOnlyList<Ticket> tickets, Caller caller, CancellationToken cancellationToken)
    {
        var ids = tickets.Select(t => t.Id).ToList();
        var updated = await Db.Set<TimelineEntry>().Where(e => ids.Contains(e.TicketId))
            .GroupBy(e => e.TicketId).Select(g => new { g.Key, At = g.Max(e => e.At) })
            .ToDictionaryAsync(g => g.Key, g => g.At, cancellationToken);
        var orgIds = tickets.SelectMany(t => new[] { t.CurrentOrganisationId, t.IntakeOrganisationId }).Distinct().ToList();
        var orgs = await Db.Organisations.Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => (o.Name, o.Code), cancellationToken);
        var items = (await Reference.CurrentAsync(cancellationToken)).Catalogue.Categories.SelectMany(c => c.Items).ToDictionary(i => i.Code, i => i.Name);
        return [.. tickets.Select(t =>
        {
            var site = orgs.GetValueOrDefault(t.CurrentOrganisationId).Name ?? string.Empty;
            return (Open311Node)new Open311Object(
            [
                ("service_request_id", new Open311Text(t.Id.ToString())),
                ("status", new Open311Text(Open311Status.Of(t.Status))),
                ("status_notes", new Open311Text(Open311Status.Notes(t.Status, site, t.Resolution))),
                ("service_name", new Open311Text(items.GetValueOrDefault(t.Item, t.Item))),
                ("service_code", new Open311Text(t.Item)),
                ("description", new Open311Text(t.Description)),
                ("agency_responsible", new Open311Text(site)),
                ("service_notice", new Open311Text($"受理编号 {t.Number}")),
                ("requested_datetime", Open311Text.Time(t.SubmittedAt)),
                ("updated_datetime", Open311Text.Time(updated.GetValueOrDefault(t.Id, t.SubmittedAt))),
                ("expected_datetime", Open311Text.Time(t.ResolutionDueAt)),
                ("address", new Open311Text(RequesterResponse.Of(t, caller, Protector).Address)),
                ("address_id", new Open311Text(orgs.GetValueOrDefault(t.IntakeOrganisationId).Code)),
                ("zipcode", new Open311Text(null)),
                ("lat", new Open311Text(null)),
                ("long", new Open311Text(null)),
                ("media_url", new Open311Text(null)),
            ]);
        })];
    }
}
