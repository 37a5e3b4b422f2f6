using PartyGrid.ServiceDefaults.Projections;
using PartyGrid.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PartyGrid.Gateway.Data;
using PartyGrid.ServiceDefaults.Identity;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Paging;
using PartyGrid.ServiceDefaults.Problems;

namespace PartyGrid.Gateway.ApiKeys;

public sealed record CreateApiKeyRequest(string? Name, Guid? OrgId, string[]? Scopes, int? RequestsPerMinute);

public sealed record ApiKeyResponse(
    Guid Id, string Name, Guid OrgId, IReadOnlyList<string> Scopes, string Hint, int? RequestsPerMinute,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt, string? RevokedBy)
{
    public static ApiKeyResponse From(ApiKey key) => new(
        key.Id, key.Name, key.OrganisationId, key.Scopes, key.Hint, key.RequestsPerMinute,
        key.CreatedAt, key.CreatedBy, key.RevokedAt, key.RevokedBy);
}

/// <summary>The one answer that carries the secret; nothing can show it again.</summary>
public sealed record CreatedApiKeyResponse(Guid Id, string Key, ApiKeyResponse ApiKey);

/// <summary>
/// <c>/api/v1/api-keys</c>, for admins. Create does not honour <c>Idempotency-Key</c> on purpose:
/// replaying the first answer would mean keeping the secret, which is stored only as a hash.
/// </summary>
public static class ApiKeysApi
{
    public const int MaxRequestsPerMinute = 600_000;

    public static void MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/api-keys").WithTags("API keys");
        api.MapPost("/", Create).WithSummary("Issue a partner API key (admin) with scopes, an organisation subtree and an optional quota; the key is shown only in this answer.");
        api.MapGet("/", List).WithSummary("The API keys, revoked ones included, never with their secrets; cursor-paged.");
        api.MapGet("/{id:guid}", Get).WithSummary("One API key, without its secret.");
        api.MapDelete("/{id:guid}", Revoke).WithSummary("Revoke a key (admin): from now on it answers 401. Revoking again changes nothing.");
    }

    private static async Task<Results<Created<CreatedApiKeyResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CreateApiKeyRequest request, Caller caller, GatewayDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!caller.IsAdmin)
        {
            return Problems.Forbidden("Only an admin issues API keys.");
        }

        var errors = new FieldErrors();
        if (ApiKeyForm.Read(request, errors) is not { } form)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        if (!await db.Set<ProjectedOrganisation>().AnyAsync(o => o.Id == form.OrgId && o.Status != OrganisationStatus.Dissolved, cancellationToken))
        {
            return Problems.Field("orgId", "no such organisation");
        }

        var (key, secret) = form.Issue(caller.Subject, time.GetUtcNow());
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/api-keys/{key.Id}", new CreatedApiKeyResponse(key.Id, secret, ApiKeyResponse.From(key)));
    }

    private static async Task<Results<Ok<Page<ApiKeyResponse>>, ValidationProblem, ProblemHttpResult>> List(
        int? limit, string? cursor, Caller caller, GatewayDbContext db, CancellationToken cancellationToken)
    {
        if (!caller.IsAdmin)
        {
            return Problems.Forbidden("Only an admin lists API keys.");
        }

        var errors = new FieldErrors();
        var page = PageRequest.Parse(limit, cursor, errors);
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var rows = await db.ApiKeys.AsNoTracking()
            .Where(k => page.After == null || k.Id > page.After)
            .OrderBy(k => k.Id)
            .Take(page.Limit + 1)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(page.ToPage(rows, k => k.Id, ApiKeyResponse.From));
    }

    private static async Task<Results<Ok<ApiKeyResponse>, ProblemHttpResult>> Get(
        Guid id, Caller caller, GatewayDbContext db, CancellationToken cancellationToken)
    {
        var key = caller.IsAdmin ? await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, cancellationToken) : null;
        return key is null ? Problems.NotFound("The API key") : TypedResults.Ok(ApiKeyResponse.From(key));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(
        Guid id, Caller caller, GatewayDbContext db, ApiKeyStore store, PartnerIdentities identities, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!caller.IsAdmin)
        {
            return Problems.Forbidden("Only an admin revokes API keys.");
        }

        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null)
        {
            return Problems.NotFound("The API key");
        }

        var now = time.GetUtcNow();
        if (key.RevokedAt is null)
        {
            db.Publish(new ApiKeyRevoked(key.Id, now), now);
        }

        key.Revoke(caller.Subject, now);
        await db.SaveChangesAsync(cancellationToken);
        store.Forget(key);
        identities.Forget(key.Id);
        return TypedResults.NoContent();
    }
}
