using Microsoft.AspNetCore.Http.HttpResults;
using PartyGrid.ServiceDefaults.Hosting;
using PartyGrid.ServiceDefaults.Idempotency;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Paging;
using PartyGrid.ServiceDefaults.Persistence;

namespace PartyGrid.Pairing.Api;

/// <summary>What the partners did, counted towards the pairing's commitments.</summary>
public static class PairingActivitiesApi
{
    public static RouteGroupBuilder MapPairingActivitiesApi(this RouteGroupBuilder api)
    {
        api.MapPost("/{id:guid}/activities", Record).WithSummary("Record an activity; with a commitment it counts towards it (funds by default for a funds commitment).")
            .WithIdempotency<PairingDbContext, ActivityRequest, ActivityResponse>(PerPairing);
        api.MapGet("/{id:guid}/activities", List).WithSummary("The pairing's activities; cursor-paged.");
        return api;
    }

    /// <summary>An Idempotency-Key is per pairing: the same report sent to two pairings is two activities.</summary>
    private static string PerPairing(HttpContext http) => Guid.Parse((string)http.Request.RouteValues["id"]!).ToString("N");

    private static async Task<Results<Created<ActivityResponse>, ValidationProblem, ProblemHttpResult>> Record(
        Guid id, ActivityRequest request, Caller caller, PairingDbContext db, PairingAccess access, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var today = ChinaTime.Today(time);
        if (ActivityForm.Read(request, today, errors) is not { } report)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var pairing = await db.Pairings.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (await access.RecordingRefusalAsync(caller, pairing?.UrbanOrganisationId, pairing?.RuralOrganisationId, "The pairing", "activities", cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var now = time.StoredNow();
        var activity = pairing!.Record(report, caller.Subject, now);
        db.Activities.Add(activity);
        db.Publish(pairing.ToEvent(activity), now);
        db.Publish(pairing.ToEvent(today), now);
        return await db.SaveOrProblemAsync(cancellationToken) is { } problem
            ? problem
            : TypedResults.Created($"/api/v1/pairings/{pairing.Id}/activities/{activity.Id}", ActivityResponse.From(activity));
    }

    private static async Task<Results<Ok<Page<ActivityResponse>>, ValidationProblem, ProblemHttpResult>> List(
        Guid id, int? limit, string? cursor, Caller caller, PairingDbContext db, PairingAccess access, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var page = PageRequest.Parse(limit, cursor, errors);
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var pairing = await db.Pairings.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (pairing is null || !await access.SeesAsync(caller, pairing.UrbanOrganisationId, pairing.RuralOrganisationId, cancellationToken))
        {
            return Problems.NotFound("The pairing");
        }

        return TypedResults.Ok(await db.Activities.AsNoTracking().Where(a => a.PairingId == id).ToPageAsync(page, ActivityResponse.From, cancellationToken));
    }
}
