using Microsoft.AspNetCore.Http.HttpResults;
using PartyGrid.ServiceDefaults.Hosting;
using PartyGrid.ServiceDefaults.Paging;
using PartyGrid.ServiceDefaults.PersonalData;

using PartyGrid.ServiceDefaults.Snapshots;
using PartyGrid.Tickets.Open311;
using PartyGrid.Tickets.Rating;

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
        api.MapTicketExportApi();
        api.MapStatsApi();
        api.MapTicketImportApi();
        api.MapTicketLifecycleApi();
        app.MapCatalogueApi();
        app.MapOpen311Api();
        app.MapOpen311Requests();
        app.MapRatingPage();
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

    /// <param name="sort"><c>oldest</c> (default) or <c>newest</c> first, by when the ticket was taken in.</param>
    private static async Task<Results<Ok<Page<TicketResponse>>, ValidationProblem, ProblemHttpResult>> List(
        [AsParameters] TicketFilter filter, string? sort, int? limit, string? cursor,
        Caller caller, TicketAccess access, PersonalDataProtector protector, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var selection = filter.Read(errors);
        var page = PageRequest.Parse(limit, cursor, errors) with { Newest = ReadSort(sort, errors) };
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var now = time.GetUtcNow();
        return await selection!.RowsAsync(caller, access, now, cancellationToken) is { } rows
            ? TypedResults.Ok(await rows.ToPageAsync(page, t => TicketResponse.From(t, caller, protector, now), cancellationToken))
            : Problems.NotFound("The organisation");
    }

    private static bool ReadSort(string? sort, FieldErrors errors)
    {
        switch (sort)
        {
            case null or "oldest":
                return false;
            case "newest":
                return true;
            default:
                errors.Add("sort", "must be oldest or newest");
                return false;
        }
    }
}
