using Microsoft.AspNetCore.Http.HttpResults;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Paging;
using PartyGrid.ServiceDefaults.Persistence;
using PartyGrid.ServiceDefaults.Http;

namespace PartyGrid.Organisations.Api;

public sealed record ItemsResponse(IReadOnlyList<OrganisationResponse> Items);

public sealed record MoveOrganisationRequest(Guid? NewParentId);

public sealed record DissolveOrganisationRequest(string? Reason, Guid? MergeIntoId);

/// <summary>Reading and reshaping the tree: search, children, subtree, ancestors, move.</summary>
public static class OrganisationTreeApi
{
    /// <summary>Below a county there are three tiers, so this depth is the whole subtree of anything.</summary>
    public const int AllLevels = 3;

    public static RouteGroupBuilder MapOrganisationTreeApi(this RouteGroupBuilder api)
    {
        api.MapGet("/", Search).WithSummary("Search by name or code, tier, area and parent; cursor-paged.");
        api.MapGet("/{id:guid}/children", Children).WithSummary("The organisations directly below.");
        api.MapGet("/{id:guid}/subtree", Subtree).WithSummary("The organisation and its descendants to a depth (default all), parents first (by depth, then code); cursor-paged.");
        api.MapGet("/{id:guid}/ancestors", Ancestors).WithSummary("The organisations above, root first.");
        api.MapPost("/{id:guid}/move", Move).WithSummary("Move an organisation, with its whole subtree, under another parent.");
        api.MapPost("/{id:guid}/dissolve", Dissolve).WithSummary("Dissolve an organisation, optionally merging it into another of its tier.");
        return api;
    }

    private static async Task<Results<Ok<Page<OrganisationResponse>>, ValidationProblem>> Search(
        string? query, string? tier, string? area, Guid? parentId, int? limit, string? cursor,
        Caller caller, OrganisationAccess access, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var tierFilter = errors.Enum<OrganisationTier>("tier", tier, required: false);
        var areaFilter = errors.Enum<Area>("area", area, required: false);
        var page = PageRequest.Parse(limit, cursor, errors);
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var rows = await access.VisibleAsync(caller, cancellationToken);
        if (!string.IsNullOrWhiteSpace(query))
        {
            var text = query.Trim();
            var pattern = SqlLike.Containing(text);
            rows = rows.Where(o => o.Code == text || EF.Functions.ILike(o.Name, pattern));
        }

        if (tierFilter is { } t)
        {
            rows = rows.Where(o => o.Tier == t);
        }

        if (areaFilter is { } a)
        {
            rows = rows.Where(o => o.Area == a);
        }

        if (parentId is { } p)
        {
            rows = rows.Where(o => o.ParentId == p);
        }

        return TypedResults.Ok(await rows.ToPageAsync(page, OrganisationResponse.From, cancellationToken));
    }

    private static async Task<Results<Ok<ItemsResponse>, ProblemHttpResult>> Children(
        Guid id, Caller caller, OrganisationsDbContext db, OrganisationAccess access, CancellationToken cancellationToken)
    {
        if (await VisibleAsync(id, caller, db, access, cancellationToken) is null)
        {
            return Problems.NotFound("The organisation");
        }

        var children = await db.Organisations.AsNoTracking().Where(o => o.ParentId == id).OrderBy(o => o.Code).ToListAsync(cancellationToken);
        return TypedResults.Ok(new ItemsResponse(children.Select(OrganisationResponse.From).ToList()));
    }

    private static async Task<Results<Ok<Page<OrganisationResponse>>, ValidationProblem, ProblemHttpResult>> Subtree(
        Guid id, int? depth, int? limit, string? cursor, Caller caller, OrganisationsDbContext db, OrganisationAccess access, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (depth is < 0 or > AllLevels)
        {
            errors.Add("depth", $"must be 0 to {AllLevels} (the tiers below a county)");
        }

        var page = PageRequest.Parse(limit, null, errors);
        if (!SubtreeCursor.TryDecode(cursor, out var after))
        {
            errors.Add("cursor", "is not a cursor this list gave");
        }

        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        if (await VisibleAsync(id, caller, db, access, cancellationToken) is not { } root)
        {
            return Problems.NotFound("The organisation");
        }

        var levels = depth ?? AllLevels;
        var take = page.Limit + 1;
        var rows = await db.Organisations
            .FromSql($"""
                SELECT * FROM organisations
                WHERE path <@ {root.Path}::ltree AND nlevel(path) <= nlevel({root.Path}::ltree) + {levels}
                  AND (nlevel(path) > {after.Level} OR (nlevel(path) = {after.Level} AND code > {after.Code}))
                ORDER BY nlevel(path), code
                LIMIT {take}
                """)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        var items = rows.Take(page.Limit).ToList();
        var next = rows.Count > page.Limit ? new SubtreeCursor(items[^1].Path.Split('.').Length, items[^1].Code).Encode() : null;
        return TypedResults.Ok(new Page<OrganisationResponse>([.. items.Select(OrganisationResponse.From)], next));
    }

    private static async Task<Results<Ok<ItemsResponse>, ProblemHttpResult>> Ancestors(
        Guid id, Caller caller, OrganisationsDbContext db, OrganisationAccess access, CancellationToken cancellationToken)
    {
        if (await VisibleAsync(id, caller, db, access, cancellationToken) is not { } organisation)
        {
            return Problems.NotFound("The organisation");
        }

        var rows = await db.Organisations
            .FromSql($"SELECT * FROM organisations WHERE path @> {organisation.Path}::ltree AND id <> {id}")
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new ItemsResponse(rows.OrderBy(o => o.Path.Length).Select(OrganisationResponse.From).ToList()));
    }

    private static async Task<Results<Ok<OrganisationResponse>, ValidationProblem, ProblemHttpResult>> Move(
        Guid id, MoveOrganisationRequest request, Caller caller, OrganisationsDbContext db, OrganisationAccess access,
        TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (errors.Required("newParentId", request.NewParentId) is not { } newParentId)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (organisation, refusal) = await access.ForChangeAsync(caller, id, lockRow: true, cancellationToken);
        if (organisation is null)
        {
            return refusal!;
        }

        var (newParent, unusable) = await access.NamedAsync(caller, newParentId, "newParentId", "Moving needs org-admin over the new parent too.", cancellationToken);
        if (newParent is null)
        {
            return unusable!;
        }

        var oldPath = organisation.Path;
        var descendants = await db.LockDescendantsAsync(organisation, cancellationToken);
        var now = time.GetUtcNow();
        organisation.MoveUnder(newParent, now);

        foreach (var descendant in descendants)
        {
            descendant.Rebase(oldPath, organisation.Path, now);
        }

        foreach (var changed in descendants.Prepend(organisation))
        {
            db.Publish(changed.ToEvent(), now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        ETag.Set(response, organisation.Version);
        return TypedResults.Ok(OrganisationResponse.From(organisation));
    }

    private static async Task<Results<Ok<OrganisationResponse>, ValidationProblem, ProblemHttpResult>> Dissolve(
        Guid id, DissolveOrganisationRequest request, Caller caller, OrganisationsDbContext db, OrganisationAccess access,
        TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (errors.Required("reason", request.Reason, 500) is not { } reason)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (organisation, refusal) = await access.ForChangeAsync(caller, id, lockRow: true, cancellationToken);
        if (organisation is null)
        {
            return refusal!;
        }

        var (mergeInto, unusable) = await access.NamedAsync(caller, request.MergeIntoId, "mergeIntoId", "Dissolving needs org-admin over the merge target too.", cancellationToken);
        if (unusable is not null)
        {
            return unusable;
        }

        var hasActiveChildren = await db.Organisations.AnyAsync(o => o.ParentId == id && o.Status == OrganisationStatus.Active, cancellationToken);
        var now = time.GetUtcNow();
        organisation.Dissolve(reason, mergeInto, hasActiveChildren, now);

        db.Publish(organisation.ToEvent(), now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        ETag.Set(response, organisation.Version);
        return TypedResults.Ok(OrganisationResponse.From(organisation));
    }

    private static async Task<Organisation?> VisibleAsync(
        Guid id, Caller caller, OrganisationsDbContext db, OrganisationAccess access, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        return organisation is not null && await access.CanSeeAsync(caller, organisation.Path, cancellationToken) ? organisation : null;
    }
}
