using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PartyGrid.ServiceDefaults.Hosting;
using PartyGrid.ServiceDefaults.Idempotency;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Persistence;
using PartyGrid.ServiceDefaults.PersonalData;
using PartyGrid.Tickets.Catalogue;

namespace PartyGrid.Tickets.Api;

/// <summary>
/// Intake at any site. A group point's tickets are worked by its village station unless settled on
/// the spot. <c>Idempotency-Key</c> makes a retried submission return the first answer.
/// </summary>
public static class IntakeApi
{
    public static RouteGroupBuilder MapIntakeApi(this RouteGroupBuilder api)
    {
        api.MapPost("/", Submit).WithSummary("Take in a ticket; Idempotency-Key honoured, externalRef unique per submitter.")
            .WithIdempotency<TicketsDbContext, SubmitTicketRequest, TicketResponse>();
        return api;
    }

    private static Task<Results<Created<TicketResponse>, ValidationProblem, ProblemHttpResult>> Submit(
        SubmitTicketRequest request, Caller caller, [AsParameters] IntakeServices services, CancellationToken cancellationToken) =>
        services.TakeInAsync(request, caller, cancellationToken);
}

/// <summary>What taking a ticket in needs besides the request and the caller; the one way a ticket is taken in, whatever the protocol.</summary>
public sealed record IntakeServices(
    TicketsDbContext Db, TicketAccess Access, TicketReferenceData Reference, PersonalDataProtector Protector,
    TicketNumbers Numbers, TicketMetrics Metrics, IOptions<TicketOptions> Options, TimeProvider Time)
{
    public async Task<Results<Created<TicketResponse>, ValidationProblem, ProblemHttpResult>> TakeInAsync(
        SubmitTicketRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var snapshot = await Reference.CurrentAsync(cancellationToken);
        var errors = new FieldErrors();
        if (IntakeForm.Read(request, snapshot.Catalogue, errors) is not { } form)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var (intakeOrg, refusal) = await Access.ForIntakeAsync(caller, form.IntakeOrgId, cancellationToken);
        if (intakeOrg is null)
        {
            return refusal!;
        }

        var handling = await Access.HandlingSiteAsync(intakeOrg, settledOnTheSpot: form.Resolution is not null, cancellationToken);
        var now = Time.StoredNow();
        var clock = new TicketClock(snapshot.Calendar, form.Item.Deadlines, form.Priority);
        var actor = new Actor(caller.Subject);
        var number = await Numbers.NextAsync(Db, ChinaTime.Today(Time), cancellationToken);
        var ticket = form.Submit(new(intakeOrg.Id, intakeOrg.Tier), new(handling.Id, handling.Tier), Protector, clock, number, actor, now);
        if (form.Resolution is { } resolution)
        {
            ticket.Resolve(resolution, clock, Options.Value.AutoCloseWorkingDays, actor, now);
        }

        Db.Tickets.Add(ticket);
        Db.Publish(ticket.ToEvent(), now);
        if (await Db.SaveOrProblemAsync(cancellationToken, index => index == "ix_tickets_external_ref_per_submitter"
                ? Problems.Conflict("external-ref-taken", $"A ticket with externalRef '{form.ExternalRef}' was already submitted.")
                : null) is { } problem)
        {
            return problem;
        }

        Metrics.TakenIn(ticket);
        return TypedResults.Created($"/api/v1/tickets/{ticket.Id}", TicketResponse.From(ticket, caller, Protector, now));
    }
}
