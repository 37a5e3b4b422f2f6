using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using PartyGrid.ServiceDefaults.Hosting;
using PartyGrid.ServiceDefaults.Idempotency;
using PartyGrid.ServiceDefaults.Persistence;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Http;

using PartyGrid.ServiceDefaults.Snapshots;

namespace PartyGrid.Organisations.Api;

public static class OrganisationsApi
{
    public static RouteGroupBuilder MapOrganisationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/organisations").WithTags("Organisations").AllowPartners("organisations");
        app.MapSnapshotRepublishing("/api/v1/organisations");
        app.MapRunNow<Jobs.TermReminderJob>("/api/v1/organisations/jobs/term-reminders/run", "term-reminders");
        api.MapPost("/", Register).WithSummary("Register an organisation under its parent (a county has none).")
            .WithIdempotency<OrganisationsDbContext, RegisterOrganisationRequest, OrganisationResponse>();
        api.MapGet("/{id:guid}", Get).WithSummary("One organisation.");
        api.MapPatch("/{id:guid}", Amend).WithSummary("Rename or re-kind an organisation (If-Match required).");
        return api.MapOrganisationTreeApi().MapServiceSiteApi().MapTermsApi().MapImportApi();
    }

    private static async Task<Results<Created<OrganisationResponse>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterOrganisationRequest request, Caller caller, OrganisationsDbContext db, OrganisationAccess access, TimeProvider time,
        HttpResponse response, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var code = errors.Required("code", request.Code, 64);
        var name = errors.Required("name", request.Name, 200);
        var tier = errors.Required("tier", request.Tier);
        var area = errors.Required("area", request.Area);
        var kind = errors.Required("kind", request.Kind);
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var (parent, refusal) = await access.NamedAsync(
            caller, request.ParentId, "parentId", "Registering organisations needs org-admin for the parent's subtree.", cancellationToken);
        if (refusal is not null || (parent is null && !caller.IsAdmin))
        {
            return refusal ?? Problems.Forbidden("Only an admin registers a county.");
        }

        var now = time.GetUtcNow();
        var organisation = Organisation.Register(code!, name!, tier!.Value, area!.Value, kind!.Value, parent, now);
        db.Organisations.Add(organisation);
        db.Publish(organisation.ToEvent(), now);
        var created = OrganisationResponse.From(organisation);
        if (await db.SaveOrProblemAsync(cancellationToken, _ => Problems.Conflict("code-taken", $"An organisation with code '{code}' already exists.")) is { } problem)
        {
            return problem;
        }

        ETag.Set(response, organisation.Version);
        return TypedResults.Created($"/api/v1/organisations/{organisation.Id}", created);
    }

    private static async Task<Results<Ok<OrganisationResponse>, ProblemHttpResult>> Get(
        Guid id, Caller caller, OrganisationsDbContext db, OrganisationAccess access, HttpResponse response, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null || !await access.CanSeeAsync(caller, organisation.Path, cancellationToken))
        {
            return Problems.NotFound("The organisation");
        }

        ETag.Set(response, organisation.Version);
        return TypedResults.Ok(OrganisationResponse.From(organisation));
    }

    private static async Task<Results<Ok<OrganisationResponse>, ValidationProblem, ProblemHttpResult>> Amend(
        Guid id, AmendOrganisationRequest request, Caller caller, OrganisationsDbContext db, OrganisationAccess access, TimeProvider time,
        HttpRequest httpRequest, HttpResponse response, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var name = request.Name is null ? null : errors.Required("name", request.Name, 200);
        var kind = request.Kind;
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var (organisation, refusal) = await access.ForChangeAsync(caller, id, lockRow: false, cancellationToken);
        if (organisation is null)
        {
            return refusal!;
        }

        if (ETag.Check(httpRequest, organisation.Version) is { } precondition)
        {
            return precondition;
        }

        if (organisation.Amend(name, kind, time.GetUtcNow()))
        {
            db.Publish(organisation.ToEvent(), time.GetUtcNow());
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Problems.PreconditionFailed("The organisation changed while this request was applied; read it again.");
            }
        }

        ETag.Set(response, organisation.Version);
        return TypedResults.Ok(OrganisationResponse.From(organisation));
    }
}
