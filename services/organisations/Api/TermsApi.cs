using Microsoft.AspNetCore.Http.HttpResults;

namespace PartyGrid.Organisations.Api;

public sealed record ElectTermRequest(DateOnly? ElectedOn, int? Years, Guid? SecretaryMemberId, string[]? Committee);

/// <param name="Current">The term in office: the latest election (a later one supersedes it).</param>
public sealed record TermResponse(
    Guid Id, Guid OrganisationId, DateOnly ElectedOn, int Years, DateOnly ExpiresOn, Guid? SecretaryMemberId, IReadOnlyList<string> Committee, bool Current)
{
    public static TermResponse From(Term t) => new(t.Id, t.OrganisationId, t.ElectedOn, t.Years, t.ExpiresOn, t.SecretaryMemberId, t.Committee, !t.Superseded);
}

/// <summary>Elections (换届): recording a committee's new term replaces the previous one.</summary>
public static class TermsApi
{
    public static RouteGroupBuilder MapTermsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/{id:guid}/terms", Elect).WithSummary("Record an election; the term is 5 years for villages and communities, 3 otherwise.");
        api.MapGet("/{id:guid}/terms", List).WithSummary("The organisation's terms, the one in office first, then earlier ones newest first (at most 20).");
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<TermResponse>>, ProblemHttpResult>> List(
        Guid id, Caller caller, OrganisationsDbContext db, OrganisationAccess access, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null || !await access.CanSeeAsync(caller, organisation.Path, cancellationToken))
        {
            return Problems.NotFound("The organisation");
        }

        var terms = await db.Terms.AsNoTracking().Where(t => t.OrganisationId == id)
            .OrderBy(t => t.Superseded).ThenByDescending(t => t.ElectedOn).Take(20).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<TermResponse>>(terms.Select(TermResponse.From).ToList());
    }

    private static async Task<Results<Created<TermResponse>, ValidationProblem, ProblemHttpResult>> Elect(
        Guid id, ElectTermRequest request, Caller caller, OrganisationsDbContext db, OrganisationAccess access,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (request.ElectedOn is null)
        {
            errors.Add("electedOn", "is required");
        }

        var secretary = request.SecretaryMemberId;
        var committee = (request.Committee ?? []).Select(c => c?.Trim() ?? string.Empty).ToList();
        if (committee.Count > 30 || committee.Any(c => c.Length is 0 or > 100))
        {
            errors.Add("committee", "takes at most 30 non-empty names of up to 100 characters");
        }

        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var (organisation, refusal) = await access.ForChangeAsync(caller, id, lockRow: false, cancellationToken);
        if (organisation is null)
        {
            return refusal!;
        }

        Term term;
        term = Term.Elect(organisation, request.ElectedOn!.Value, request.Years, secretary, committee, time.GetUtcNow());

        foreach (var earlier in await db.Terms.Where(t => t.OrganisationId == id && !t.Superseded).ToListAsync(cancellationToken))
        {
            earlier.Supersede();
        }

        db.Terms.Add(term);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/organisations/{id}/terms/{term.Id}", TermResponse.From(term));
    }
}
