using Microsoft.AspNetCore.Http.HttpResults;
using PartyGrid.ServiceDefaults.Hosting;
using PartyGrid.ServiceDefaults.Paging;
using PartyGrid.ServiceDefaults.PersonalData;
using PartyGrid.ServiceDefaults.Persistence;
using PartyGrid.ServiceDefaults.Projections;

namespace PartyGrid.Pairing.Api;

public sealed record HouseholdRequest(string? Head, string? Address, string? Needs);

public sealed record HouseholdPairingRequest(Guid? OrgId, Guid? MemberId, HouseholdRequest? Household);

public sealed record VisitRequest(DateOnly? VisitedOn, string? Note);

public sealed record VisitResponse(Guid Id, DateOnly VisitedOn, string Note, string RecordedBy);

/// <summary>
/// A pairing as the caller may see it: the head's name, the address beyond the village and the
/// household's needs are masked (<c>masked: true</c>, needs absent) unless the caller works in the
/// pairing's organisation (<see cref="WorkingNeed"/>).
/// </summary>
public sealed record HouseholdPairingResponse(
    Guid Id,
    Guid OrgId,
    Guid MemberId,
    string HouseholdHead,
    string Address,
    string? Needs,
    bool Masked,
    DateOnly? LastVisitedOn,
    int VisitCount,
    IReadOnlyList<VisitResponse> Visits,
    long Version)
{
    /// <summary>How many of the latest visits a response lists; <c>visitCount</c> says how many there are.</summary>
    public const int VisitsShown = 50;

    public static HouseholdPairingResponse From(HouseholdPairing h, Caller caller) => WorkingNeed.Of(caller, h.OrganisationId)
        ? From(h, h.HouseholdHead, h.Address, h.Needs, masked: false)
        : From(h, PersonalDataMask.Name(h.HouseholdHead), PersonalDataMask.Address(h.Address), null, masked: true);

    private static HouseholdPairingResponse From(HouseholdPairing h, string head, string address, string? needs, bool masked) => new(
        h.Id, h.OrganisationId, h.MemberId, head, address, needs, masked,
        h.Visits.Count == 0 ? null : h.Visits.Max(v => v.VisitedOn),
        h.Visits.Count,
        [.. h.Visits.OrderByDescending(v => v.VisitedOn).ThenByDescending(v => v.Id).Take(VisitsShown).Reverse()
            .Select(v => new VisitResponse(v.Id, v.VisitedOn, v.Note, v.RecordedBy))],
        h.Version);
}

/// <summary>党员结对帮扶: a member paired with a household in need in an organisation's area, and the visits.</summary>
public static class HouseholdPairingsApi
{
    public static void MapHouseholdPairingsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/household-pairings").WithTags("Household pairings");
        api.MapPost("/", Pair).WithSummary("Pair a member with a household in need.");
        api.MapGet("/", List).WithSummary("Household pairings in an organisation's subtree; cursor-paged.");
        api.MapGet("/{id:guid}", Get).WithSummary("One household pairing with its visits.");
        api.MapPost("/{id:guid}/visits", Visit).WithSummary("Record a visit to the household.");
    }

    private static readonly NewWork HouseholdWork = new(
        "orgId", "Household pairings are arranged by the organisation's org-admin.", "household pairings");

    private static async Task<Results<Created<HouseholdPairingResponse>, ValidationProblem, ProblemHttpResult>> Pair(
        HouseholdPairingRequest request, Caller caller, PairingDbContext db, PairingAccess access, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var orgId = errors.Required("orgId", request.OrgId);
        var memberId = errors.Required("memberId", request.MemberId);
        var head = errors.Required("household.head", request.Household?.Head, 100);
        var address = errors.Required("household.address", request.Household?.Address, 300);
        var needs = errors.Required("household.needs", request.Household?.Needs, 1000);
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var (organisation, refusal) = await access.Scope.ForNewWorkAsync(caller, orgId!.Value, Roles.OrgAdmin, HouseholdWork, cancellationToken);
        if (organisation is null)
        {
            return refusal!;
        }

        if (!await db.ActiveMemberUnderAsync(memberId!.Value, organisation.Id, cancellationToken))
        {
            return Problems.Field("memberId", "no such member of the organisation or an organisation under it");
        }

        var pairing = new HouseholdPairing
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            OrganisationId = organisation.Id,
            MemberId = memberId!.Value,
            HouseholdHead = head!,
            Address = address!,
            Needs = needs!,
            CreatedAt = time.StoredNow(),
            Version = 1,
        };
        db.HouseholdPairings.Add(pairing);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/household-pairings/{pairing.Id}", HouseholdPairingResponse.From(pairing, caller));
    }

    private static async Task<Results<Ok<HouseholdPairingResponse>, ProblemHttpResult>> Get(
        Guid id, Caller caller, PairingDbContext db, PairingAccess access, CancellationToken cancellationToken)
    {
        var pairing = await db.HouseholdPairings.AsNoTracking().FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        return pairing is not null && await access.SeesAsync(caller, pairing.OrganisationId, pairing.OrganisationId, cancellationToken)
            ? TypedResults.Ok(HouseholdPairingResponse.From(pairing, caller))
            : Problems.NotFound("The household pairing");
    }

    private static async Task<Results<Ok<Page<HouseholdPairingResponse>>, ValidationProblem, ProblemHttpResult>> List(
        Guid? orgId, int? limit, string? cursor, Caller caller, PairingDbContext db, PairingAccess access, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var page = PageRequest.Parse(limit, cursor, errors);
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var root = await access.Scope.ListRootAsync(caller, orgId, cancellationToken);
        if (root is null)
        {
            return Problems.NotFound("The organisation");
        }

        var subtree = access.Scope.SubtreeIds(root.Path);
        return TypedResults.Ok(await db.HouseholdPairings.AsNoTracking().Where(h => subtree.Contains(h.OrganisationId))
            .ToPageAsync(page, h => HouseholdPairingResponse.From(h, caller), cancellationToken));
    }

    private static async Task<Results<Ok<HouseholdPairingResponse>, ValidationProblem, ProblemHttpResult>> Visit(
        Guid id, VisitRequest request, Caller caller, PairingDbContext db, PairingAccess access, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var note = errors.Required("note", request.Note, 2000);
        if (request.VisitedOn is not { } visitedOn || visitedOn > ChinaTime.Today(time))
        {
            errors.Add("visitedOn", "is required and cannot be in the future");
        }

        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var pairing = await db.HouseholdPairings.FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (await access.RecordingRefusalAsync(caller, pairing?.OrganisationId, pairing?.OrganisationId, "The household pairing", "visits", cancellationToken) is { } refusal)
        {
            return refusal;
        }

        pairing!.Visits.Add(new HouseholdVisit
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            HouseholdPairingId = pairing.Id,
            VisitedOn = request.VisitedOn!.Value,
            Note = note!,
            RecordedBy = caller.Subject,
        });
        pairing.Version++;
        return await db.SaveOrProblemAsync(cancellationToken) is { } problem ? problem : TypedResults.Ok(HouseholdPairingResponse.From(pairing, caller));
    }
}
