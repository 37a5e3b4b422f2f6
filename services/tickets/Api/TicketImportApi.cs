using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PartyGrid.ServiceDefaults.Hosting;
using PartyGrid.ServiceDefaults.Identity;
using PartyGrid.ServiceDefaults.Import;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.PersonalData;
using PartyGrid.ServiceDefaults.Persistence;
using PartyGrid.Tickets.Catalogue;
using PartyGrid.Tickets.Import;

namespace PartyGrid.Tickets.Api;

/// <param name="Imported">Tickets written by this import.</param>
/// <param name="AlreadyImported">Rows whose external reference an earlier import took: left as they are.</param>
public sealed record TicketImportSummary(int Imported, int AlreadyImported);

/// <summary>One row of a register as JSON (<c>{ "tickets": [ … ] }</c>); CSV and .xlsx files carry the same columns.</summary>
public sealed record RegisterRow(
    string? ExternalRef, string? IntakeOrgCode, string? Category, string? Item, string? Title, string? Description, string? Channel,
    string? Priority, string? RequesterName, string? SubmittedAt, string? AcceptedAt, string? EscalatedAt, string? ResolvedAt,
    string? Resolution, int? Rating, string? RatedAt, string? RectifiedAt, int? ReRating, string? ReRatedAt);

public sealed record RegisterFile(List<RegisterRow>? Tickets);

/// <summary><c>POST /tickets/import</c>: a county's register of finished tickets (台账), all or nothing, once per external reference.</summary>
public static class TicketImportApi
{
    /// <summary>A register of several years; the gateway allows the same for this path.</summary>
    public const long MaxFileBytes = 16L << 20;

    public static RouteGroupBuilder MapTicketImportApi(this RouteGroupBuilder api)
    {
        api.MapPost("/import", Import)
            .RequireAuthorization(Policies.Admin)
            .Accepts<RegisterFile>("application/json", "text/csv", ImportFiles.XlsxMediaType)
            .WithMetadata(new RequestSizeLimitAttribute(MaxFileBytes))
            .WithSummary("Import finished tickets from a register (admin; JSON, CSV in UTF-8 or GBK, or .xlsx) with their original times; "
                + "they count in their own months. Any bad row rejects the whole file and is named; a reference imported before is left alone.");
        return api;
    }

    public sealed record ImportServices(
        TicketsDbContext Db, TicketReferenceData Reference, PersonalDataProtector Protector, IOptions<TicketOptions> Options, TimeProvider Time);

    private static async Task<Results<Ok<TicketImportSummary>, ProblemHttpResult>> Import(
        HttpRequest request, [AsParameters] ImportServices services, CancellationToken cancellationToken)
    {
        IReadOnlyList<ImportRecord> records;
        try
        {
            records = await ImportFiles.ReadAsync(request, "tickets", TicketRegister.Columns, TicketRegister.Required, cancellationToken);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return ImportProblems.Unreadable(ex.Message);
        }

        if (records.Count > ImportProblems.MaxRows)
        {
            return ImportProblems.TooManyRows();
        }

        var (db, now) = (services.Db, services.Time.StoredNow());
        var snapshot = await services.Reference.CurrentAsync(cancellationToken);
        var plan = (await TicketRegister.ForAsync(db, records, snapshot.Catalogue, now, cancellationToken)).Read(records);
        if (plan.Errors.Count > 0)
        {
            return ImportProblems.Rejected(plan.Errors);
        }

        var numbers = await TicketNumbers.ManyAsync(db, [.. plan.Tickets.Select(t => TimeZoneInfo.ConvertTime(t.Ticket.SubmittedAt, ChinaTime.Zone).Year)], cancellationToken);
        foreach (var ((_, history), number) in plan.Tickets.Zip(numbers))
        {
            var id = Guid.CreateVersion7(history.SubmittedAt);
            var ticket = Ticket.Import(id, history, services.Protector.Protect(PersonalField.Phone, id, string.Empty), snapshot.Calendar, number,
                services.Options.Value.AutoCloseWorkingDays, now);
            db.Tickets.Add(ticket);
            db.Publish(ticket.ToEvent(), now);
        }

        return await db.SaveOrProblemAsync(cancellationToken, _ => Problems.Conflict("imported-meanwhile", "Another import took some of these references meanwhile; import again."))
            is { } problem
            ? problem
            : TypedResults.Ok(new TicketImportSummary(plan.Tickets.Count, plan.AlreadyImported));
    }
}
