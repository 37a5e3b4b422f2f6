using Microsoft.AspNetCore.Http.HttpResults;
using PartyGrid.ServiceDefaults.Hosting;
using PartyGrid.ServiceDefaults.Paging;
using PartyGrid.ServiceDefaults.PersonalData;

using PartyGrid.ServiceDefaults.Snapshots;

namespace PartyGrid.Tickets.Api;

public static class TicketsApi
{
    public static void MapTicketsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/tickets").WithTags("Tickets").AllowPartners("tickets");
        api.MapIntakeApi();
        api.MapGet("/{id:guid}", Get).WithSummary("One ticket with its timeline; the requester's phone masked.");
        api.MapGet("/", List).WithSummary(
            "Tickets taken in or handled in an organisation's subtree, by status, category, overdue, warned, supervised and days taken in (Shanghai dates, to exclusive); cursor-paged.");
        api.MapStatsApi();
        api.MapTicketImportApi();
        api.MapTicketLifecycleApi();
        app.MapCatalogueApi();
        app.MapSnapshotRepublishing("/api/v1/tickets");
        app.MapRunNow<Jobs.TicketClockJob>("/api/v1/tickets/jobs/ticket-clock/run", "ticket-clock");
        app.MapRunNow<PersonalDataRotation<TicketsDbContext>>("/api/v1/tickets/jobs/personal-data-rotation/run", "personal-data-rotation");
    }

    private static async Task<Results<Ok<TicketResponse>, ProblemHttpResult>> Get(
        Guid id, Caller caller, TicketsDbContext db, TicketAccess access, PersonalDataProtector protector, TimeProvider time, CancellationToken cancellationToken)
    {
        var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        return ticket is not null && await access.SeesAsync(caller, ticket, cancellationToken)
            ? TypedResults.Ok(TicketResponse.From(ticket, caller, protector, time.GetUtcNow(), await access.ActionsAsync(caller, ticket, cancellationToken)))
            : Problems.NotFound("The ticket");
    }

    private static async Task<Results<Ok<Page<TicketResponse>>, ValidationProblem, ProblemHttpResult>> List(
        Guid? orgId, bool? subtree, string? status, string? category, bool? overdue, bool? warned, bool? supervised, DateOnly? from, DateOnly? to, int? limit, string? cursor,
        Caller caller, TicketAccess access, PersonalDataProtector protector, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var statusFilter = errors.Enum<TicketStatus>("status", status, required: false);
        var categoryFilter = errors.Enum<TicketCategory>("category", category, required: false);
        var days = from is null && to is null ? null : StatsPeriod.Read(from ?? StatsPeriod.Earliest, to ?? StatsPeriod.Latest, default, errors, bounded: false);
        var page = PageRequest.Parse(limit, cursor, errors);
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        if (await access.ListedAsync(caller, orgId, subtree == true, cancellationToken) is not { } rows)
        {
            return Problems.NotFound("The organisation");
        }

        if (statusFilter is { } s)
        {
            rows = rows.Where(t => t.Status == s);
        }

        if (categoryFilter is { } c)
        {
            rows = rows.Where(t => t.Category == c);
        }

        var now = time.GetUtcNow();
        if (overdue is { } late)
        {
            rows = rows.Where(Ticket.Overdue.At(now, late));
        }

        if (warned is { } w)
        {
            rows = rows.Where(t => t.Warned == w);
        }

        if (supervised is { } v)
        {
            rows = rows.Where(t => t.Supervised == v);
        }

        if (days is not null)
        {
            rows = rows.Where(t => t.SubmittedAt >= days.StartAt && t.SubmittedAt < days.EndAt);
        }

        return TypedResults.Ok(await rows.ToPageAsync(page, t => TicketResponse.From(t, caller, protector, now), cancellationToken));
    }
}
