using Microsoft.AspNetCore.Http.HttpResults;
using PartyGrid.ServiceDefaults.Hosting;
using PartyGrid.ServiceDefaults.Idempotency;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Paging;
using PartyGrid.ServiceDefaults.Persistence;
using PartyGrid.ServiceDefaults.Projections;

using PartyGrid.ServiceDefaults.Snapshots;

namespace PartyGrid.Pairing.Api;

public static class PairingsApi
{
    public static void MapPairingsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/pairings").WithTags("Pairings");
        api.MapPost("/", Propose).WithSummary("Propose an urban–rural pairing with its commitments.")
            .WithIdempotency<PairingDbContext, ProposePairingRequest, PairingResponse>();
        api.MapGet("/{id:guid}", Get).WithSummary("One pairing with the progress of its commitments.");
        api.MapGet("/", List).WithSummary("Pairings with either side in an organisation's subtree, by status; cursor-paged.");
        api.MapPost("/{id:guid}/activate", Activate).WithSummary("Start a proposed pairing.");
        api.MapPost("/{id:guid}/end", End).WithSummary("End a pairing: completed after its term, ended early before it.");
        api.MapGet("/{id:guid}/progress", Progress).WithSummary("Fulfilled share of each commitment and overall; overdue commitments flagged.");
        api.MapPairingActivitiesApi();
        app.MapHouseholdPairingsApi();
        app.MapSnapshotRepublishing("/api/v1/pairings");
    }

    private static async Task<Results<Created<PairingResponse>, ValidationProblem, ProblemHttpResult>> Propose(
        ProposePairingRequest request, Caller caller, PairingDbContext db, PairingAccess access, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (ProposalForm.Read(request, errors) is not { } form)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        // A pairing may join a side beyond the caller's subtree, but never two the caller cannot see:
        // that would tell an outsider which ids exist.
        var urban = await access.Scope.FindAsync(form.UrbanOrgId, cancellationToken);
        var rural = await access.Scope.FindAsync(form.RuralOrgId, cancellationToken);
        if (urban is null || rural is null
            || (await access.Scope.FindVisibleAsync(caller, urban.Id, cancellationToken) is null && await access.Scope.FindVisibleAsync(caller, rural.Id, cancellationToken) is null))
        {
            return Problems.Field(urban is null || rural is not null ? "urbanOrgId" : "ruralOrgId", "no such organisation");
        }

        var proposer = await access.ArrangingSidesAsync(caller, urban.Id, rural.Id, cancellationToken);
        if (proposer == PairingSides.None)
        {
            return Problems.Forbidden("Arranging a pairing needs org-admin of either side (or admin).");
        }

        var now = time.StoredNow();
        var pairing = Domain.Pairing.Propose(Side(urban), Side(rural), proposer, form.StartsOn, form.EndsOn, form.Commitments, now);

        var today = ChinaTime.Today(time);
        db.Pairings.Add(pairing);
        db.Publish(pairing.ToEvent(today), now);
        var location = $"/api/v1/pairings/{pairing.Id}";
        var created = PairingResponse.From(pairing, today, new Dictionary<Guid, string> { [urban.Id] = urban.Name, [rural.Id] = rural.Name });
        if (await db.SaveOrProblemAsync(cancellationToken) is { } problem)
        {
            return problem;
        }

        return TypedResults.Created(location, created);
    }

    private static async Task<Results<Ok<PairingResponse>, ProblemHttpResult>> Get(
        Guid id, Caller caller, PairingDbContext db, PairingAccess access, TimeProvider time, CancellationToken cancellationToken)
    {
        var pairing = await db.Pairings.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        return pairing is not null && await access.SeesAsync(caller, pairing.UrbanOrganisationId, pairing.RuralOrganisationId, cancellationToken)
            ? TypedResults.Ok(PairingResponse.From(pairing, ChinaTime.Today(time), await PairingResponse.NamesAsync(db, [pairing], cancellationToken)))
            : Problems.NotFound("The pairing");
    }

    private static async Task<Results<Ok<ProgressResponse>, ProblemHttpResult>> Progress(
        Guid id, Caller caller, PairingDbContext db, PairingAccess access, TimeProvider time, CancellationToken cancellationToken)
    {
        var pairing = await db.Pairings.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (pairing is null || !await access.SeesAsync(caller, pairing.UrbanOrganisationId, pairing.RuralOrganisationId, cancellationToken))
        {
            return Problems.NotFound("The pairing");
        }

        var snapshot = pairing.ToEvent(ChinaTime.Today(time));
        return TypedResults.Ok(new ProgressResponse(pairing.Id, snapshot.Commitments, snapshot.OverallProgress, snapshot.OverdueCommitments));
    }

    private static async Task<Results<Ok<Page<PairingResponse>>, ValidationProblem, ProblemHttpResult>> List(
        Guid? orgId, string? status, int? limit, string? cursor, Caller caller, PairingDbContext db, PairingAccess access, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var statusFilter = errors.Enum<PairingStatus>("status", status, required: false);
        var page = PageRequest.Parse(limit, cursor, errors);
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var rows = db.Pairings.AsNoTracking();
        if (orgId is not null || !caller.IsAdmin)
        {
            var root = await access.Scope.ListRootAsync(caller, orgId, cancellationToken);
            if (root is null)
            {
                return Problems.NotFound("The organisation");
            }

            var subtree = access.Scope.SubtreeIds(root.Path);
            rows = rows.Where(p => subtree.Contains(p.UrbanOrganisationId) || subtree.Contains(p.RuralOrganisationId));
        }

        if (statusFilter is { } s)
        {
            rows = rows.Where(p => p.Status == s);
        }

        var today = ChinaTime.Today(time);
        var found = await rows.ToPageAsync(page, p => p, cancellationToken);
        var names = await PairingResponse.NamesAsync(db, found.Items, cancellationToken);
        return TypedResults.Ok(new Page<PairingResponse>([.. found.Items.Select(p => PairingResponse.From(p, today, names))], found.NextCursor));
    }

    private static Task<Results<Ok<PairingResponse>, ValidationProblem, ProblemHttpResult>> Activate(
        Guid id, Caller caller, PairingDbContext db, PairingAccess access, TimeProvider time, CancellationToken cancellationToken) =>
        ChangeAsync(id, caller, db, access, time, (p, today, now) => p.Activate(now), cancellationToken, (p, sides) => p.MayBeActivatedBy(sides)
            ? null
            : Problems.Forbidden("A pairing starts when the other side agrees: it is activated by the org-admin of the side that did not propose it."));

    private static async Task<Results<Ok<PairingResponse>, ValidationProblem, ProblemHttpResult>> End(
        Guid id, EndPairingRequest request, Caller caller, PairingDbContext db, PairingAccess access, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var reason = errors.Required("reason", request.Reason, 500);
        return errors.Any
            ? Problems.Validation(errors.ToDictionary())
            : await ChangeAsync(id, caller, db, access, time, (p, today, now) => p.End(reason!, today, now), cancellationToken);
    }

    private static async Task<Results<Ok<PairingResponse>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        Guid id,
        Caller caller,
        PairingDbContext db,
        PairingAccess access,
        TimeProvider time,
        Action<Domain.Pairing, DateOnly, DateTimeOffset> change,
        CancellationToken cancellationToken,
        Func<Domain.Pairing, PairingSides, ProblemHttpResult?>? consent = null)
    {
        var pairing = await db.Pairings.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (pairing is null || !await access.SeesAsync(caller, pairing.UrbanOrganisationId, pairing.RuralOrganisationId, cancellationToken))
        {
            return Problems.NotFound("The pairing");
        }

        var sides = await access.ArrangingSidesAsync(caller, pairing.UrbanOrganisationId, pairing.RuralOrganisationId, cancellationToken);
        if (sides == PairingSides.None)
        {
            return Problems.Forbidden("This needs org-admin of either side (or admin).");
        }

        if (consent?.Invoke(pairing, sides) is { } refusal)
        {
            return refusal;
        }

        var today = ChinaTime.Today(time);
        var now = time.StoredNow();
        change(pairing, today, now);

        db.Publish(pairing.ToEvent(today), now);
        return await db.SaveOrProblemAsync(cancellationToken) is { } problem
            ? problem
            : TypedResults.Ok(PairingResponse.From(pairing, today, await PairingResponse.NamesAsync(db, [pairing], cancellationToken)));
    }

    private static PairingSide Side(ProjectedOrganisation o) => new(o.Id, o.Path.ToString(), o.Tier, o.Area, o.Status);
}
