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

    private static async Task<Results<Created<TicketResponse>, ValidationProblem, ProblemHttpResult>> Submit(
        SubmitTicketRequest request,
        Caller caller,
        TicketsDbContext db,
        TicketAccess access,
        TicketReferenceData reference,
        PersonalDataProtector protector,
        TicketMetrics metrics,
        IOptions<TicketOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var intakeOrgId = errors.Required("intakeOrgId", request.IntakeOrgId);
        var category = errors.Required("category", request.Category);
        var channel = errors.Required("channel", request.Channel);
        var priority = request.Priority ?? TicketPriority.Normal;
        var title = errors.Required("title", request.Title, 200);
        var description = errors.Required("description", request.Description, 4000);
        var requesterName = errors.Required("requester.name", request.Requester?.Name, 100);
        var address = string.IsNullOrWhiteSpace(request.Requester?.Address) ? null : errors.Required("requester.address", request.Requester.Address, 300);
        var externalRef = string.IsNullOrWhiteSpace(request.ExternalRef) ? null : errors.Required("externalRef", request.ExternalRef, 100);
        var resolution = string.IsNullOrWhiteSpace(request.Resolution) ? null : errors.Required("resolution", request.Resolution, 4000);
        string? phone = null;
        if (!PhoneFormat.TryNormalise(request.Requester?.Phone, out var normalisedPhone))
        {
            errors.Add("requester.phone", "must be a mainland mobile (11 digits) or a landline with its area code");
        }
        else
        {
            phone = normalisedPhone;
        }

        var snapshot = await reference.CurrentAsync(cancellationToken);
        var item = category is { } c ? snapshot.Catalogue.Find(c, request.Item) : null;
        if (category is not null && item is null)
        {
            errors.Add("item", $"is not an item of {WireName.Of(category.Value)} in the catalogue");
        }

        var attributes = request.Attributes ?? [];
        if (attributes.Count > TicketIntake.MaxAttributes)
        {
            errors.Add("attributes", $"at most {TicketIntake.MaxAttributes}");
        }

        foreach (var (name, value) in attributes.Take(TicketIntake.MaxAttributes + 1))
        {
            if (name.Length is 0 or > 50 || (value?.Length ?? 0) > 500)
            {
                errors.Add($"attributes.{name[..Math.Min(name.Length, 50)]}", "names are 1–50 characters, values at most 500");
            }
        }

        foreach (var required in item?.Attributes ?? [])
        {
            if (!attributes.TryGetValue(required, out var value) || string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"attributes.{required}", "is required for this item");
            }
        }

        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var intakeOrg = await access.Scope.FindVisibleAsync(caller, intakeOrgId!.Value, cancellationToken);
        if (intakeOrg is null)
        {
            return Problems.Field("intakeOrgId", "no such organisation");
        }

        if (!await access.WorksAsync(caller, intakeOrg.Id, cancellationToken))
        {
            return Problems.Forbidden("Taking in tickets needs staff of the intake organisation's subtree (or admin).");
        }

        intakeOrg.EnsureTakesNewWork("tickets");

        var handling = intakeOrg.Tier == OrganisationTier.Group && resolution is null && intakeOrg.ParentId is { } village
            ? await access.Scope.FindAsync(village, cancellationToken) ?? intakeOrg
            : intakeOrg;
        var now = time.StoredNow();
        var clock = new TicketClock(snapshot.Calendar, item!.Deadlines, priority);
        var sequence = await db.Database.SqlQuery<long>($"SELECT nextval('ticket_number') AS \"Value\"").SingleAsync(cancellationToken);
        var actor = new Actor(caller.Subject);
        var id = Guid.CreateVersion7(now);
        var ticket = Ticket.Submit(
            id,
            new TicketIntake(category!.Value, title!, description!, attributes, requesterName!, address, channel!.Value, priority, externalRef,
                new OrganisationAt(intakeOrg.Id, intakeOrg.Tier), new OrganisationAt(handling.Id, handling.Tier)),
            protector.Protect(PersonalField.Phone, id, phone!),
            item,
            clock,
            $"PG-{ChinaTime.Today(time).Year}-{sequence:D6}",
            actor,
            now);
        if (resolution is not null)
        {
            ticket.Resolve(resolution, clock, options.Value.AutoCloseWorkingDays, actor, now);
        }

        db.Tickets.Add(ticket);
        db.Publish(ticket.ToEvent(), now);
        var location = $"/api/v1/tickets/{ticket.Id}";
        var response = TicketResponse.From(ticket, caller, protector, now, withTimeline: false);

        var problem = await db.SaveOrProblemAsync(cancellationToken, index => index == "ix_tickets_external_ref_per_submitter"
            ? Problems.Conflict("external-ref-taken", $"A ticket with externalRef '{externalRef}' was already submitted.")
            : null);
        if (problem is not null)
        {
            return problem;
        }

        metrics.Submitted(ticket.Category, ticket.Channel);
        if (resolution is not null)
        {
            metrics.Resolved(ticket.CurrentTier);
        }

        return TypedResults.Created(location, response);
    }
}
