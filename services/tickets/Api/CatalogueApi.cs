using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using PartyGrid.ServiceDefaults.Http;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Persistence;
using PartyGrid.Tickets.Calendar;
using PartyGrid.Tickets.Catalogue;

namespace PartyGrid.Tickets.Api;

public sealed record CatalogueResponse(long Version, IReadOnlyList<CatalogueCategory> Categories);

public sealed record CalendarResponse(int Year, IReadOnlyList<CalendarDay> Days);

public sealed record CalendarRequest(IReadOnlyList<CalendarDay>? Days);

/// <summary>The service catalogue and the working calendar: everyone reads them, <c>admin</c> edits them.</summary>
public static class CatalogueApi
{
    public static void MapCatalogueApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/ticket-categories").WithTags("Service catalogue").AllowPartners("tickets");
        api.MapGet("/", Get).WithSummary("The service catalogue: categories, items, required attributes, home tier, deadlines.");
        api.MapPut("/", Put).RequireAuthorization(Policies.Admin).WithSummary("Replace the catalogue (admin, If-Match); applies to tickets taken in afterwards.");
        api.MapGet("/calendar/{year:int}", GetCalendar).WithSummary("Public holidays and make-up working days (调休) of a year.");
        api.MapPut("/calendar/{year:int}", PutCalendar).RequireAuthorization(Policies.Admin).WithSummary("Replace a year's holidays and make-up working days (admin).");
    }

    private static async Task<Ok<CatalogueResponse>> Get(TicketsDbContext db, HttpResponse response, CancellationToken cancellationToken)
    {
        var record = await db.Catalogue.AsNoTracking().SingleAsync(cancellationToken);
        ETag.Set(response, record.Version);
        return TypedResults.Ok(new CatalogueResponse(record.Version, JsonSerializer.Deserialize<ServiceCatalogue>(record.Document, EventJson.Options)!.Categories));
    }

    private static async Task<Results<Ok<CatalogueResponse>, ValidationProblem, ProblemHttpResult>> Put(
        ServiceCatalogue catalogue, Caller caller, TicketsDbContext db, TicketReferenceData reference, TimeProvider time,
        HttpRequest request, HttpResponse response, CancellationToken cancellationToken)
    {
        var errors = (catalogue.Categories is null ? new FieldErrors().Add("categories", "is required") : catalogue.Check());
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var record = await db.Catalogue.SingleAsync(cancellationToken);
        if (ETag.Check(request, record.Version) is { } precondition)
        {
            return precondition;
        }

        record.Document = JsonSerializer.Serialize(catalogue, EventJson.Options);
        record.Version++;
        record.UpdatedAt = time.GetUtcNow();
        record.UpdatedBy = caller.Subject;
        if (await db.SaveOrProblemAsync(cancellationToken) is { } problem)
        {
            return problem;
        }

        reference.Invalidate();
        ETag.Set(response, record.Version);
        return TypedResults.Ok(new CatalogueResponse(record.Version, catalogue.Categories ?? []));
    }

    private static async Task<Ok<CalendarResponse>> GetCalendar(int year, TicketsDbContext db, CancellationToken cancellationToken)
    {
        var first = new DateOnly(Math.Clamp(year, 2000, 2100), 1, 1);
        var days = await db.CalendarDays.AsNoTracking().Where(d => d.Date >= first && d.Date < first.AddYears(1)).OrderBy(d => d.Date).ToListAsync(cancellationToken);
        return TypedResults.Ok(new CalendarResponse(year, days));
    }

    private static async Task<Results<Ok<CalendarResponse>, ValidationProblem, ProblemHttpResult>> PutCalendar(
        int year, CalendarRequest request, Caller caller, TicketsDbContext db, TicketReferenceData reference, CancellationToken cancellationToken)
    {
        var days = request.Days ?? [];
        var errors = new FieldErrors();
        if (year is < 2000 or > 2100 || days.Any(d => d.Date.Year != year))
        {
            errors.Add("days", $"every day must lie in {year}");
        }

        if (days.Select(d => d.Date).Distinct().Count() != days.Count)
        {
            errors.Add("days", "a date appears twice");
        }

        if (days.Any(d => string.IsNullOrWhiteSpace(d.Name) || d.Name.Length > 50 || !Enum.IsDefined(d.Kind)))
        {
            errors.Add("days", "every day needs a kind (holiday, workday) and a name of at most 50 characters");
        }

        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var first = new DateOnly(year, 1, 1);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.CalendarDays.Where(d => d.Date >= first && d.Date < first.AddYears(1)).ExecuteDeleteAsync(cancellationToken);
        db.CalendarDays.AddRange(days);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        reference.Invalidate();
        return TypedResults.Ok(new CalendarResponse(year, [.. days.OrderBy(d => d.Date)]));
    }
}
