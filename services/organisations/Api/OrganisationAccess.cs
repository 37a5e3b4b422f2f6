using Microsoft.AspNetCore.Http.HttpResults;

namespace PartyGrid.Organisations.Api;

/// <summary>
/// Which organisations a caller may see and change: admin everything, others their home subtree.
/// Reads outside the subtree answer 404 (existence is not confirmed); writes answer 403.
/// </summary>
public sealed class OrganisationAccess(OrganisationsDbContext db)
{
    public Task<bool> CanSeeAsync(Caller caller, string targetPath, CancellationToken cancellationToken) =>
        AllowsAsync(caller, OrganisationAction.See, targetPath, cancellationToken);

    /// <summary><c>org-admin</c> changes organisations in its subtree; <c>admin</c> anywhere (and only admin adds a root: no path).</summary>
    public async Task<bool> CanChangeAsync(Caller caller, string? targetPath, CancellationToken cancellationToken) =>
        caller.IsAdmin || (targetPath is not null && await AllowsAsync(caller, ChangeAction, targetPath, cancellationToken));

    /// <summary><see cref="OrganisationScope.Allows"/> with the caller's home as the tree places it.</summary>
    private async Task<bool> AllowsAsync(Caller caller, OrganisationAction action, string targetPath, CancellationToken cancellationToken) =>
        caller.IsAdmin || OrganisationScope.Allows(caller, action, await HomePathAsync(caller, cancellationToken), targetPath);

    private static readonly OrganisationAction ChangeAction = OrganisationAction.ActAs(Roles.OrgAdmin);

    /// <summary>
    /// The organisations a caller may read: all of them for admin, otherwise the home subtree
    /// (none when the home organisation is unknown).
    /// </summary>
    public async Task<IQueryable<Organisation>> VisibleAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (caller.IsAdmin)
        {
            return db.Organisations.AsNoTracking();
        }

        var homePath = await HomePathAsync(caller, cancellationToken);
        return homePath is null
            ? db.Organisations.AsNoTracking().Where(_ => false)
            : db.Organisations.FromSql($"SELECT * FROM organisations WHERE path <@ {homePath}::ltree").AsNoTracking();
    }

    /// <summary>
    /// Loads an organisation the caller is about to change (tracked; locked when
    /// <paramref name="lockRow"/>), or the refusal to answer: 404 when it does not exist, 403 when it
    /// lies outside what the caller may change.
    /// </summary>
    public async Task<(Organisation? Organisation, ProblemHttpResult? Refusal)> ForChangeAsync(
        Caller caller, Guid id, bool lockRow, CancellationToken cancellationToken)
    {
        var organisation = lockRow
            ? await db.Organisations.FromSql($"SELECT * FROM organisations WHERE id = {id} FOR UPDATE").FirstOrDefaultAsync(cancellationToken)
            : await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null)
        {
            return (null, Problems.NotFound("The organisation"));
        }

        return await CanChangeAsync(caller, organisation.Path, cancellationToken)
            ? (organisation, null)
            : (null, Problems.Forbidden("This change needs org-admin for the organisation's subtree (or admin)."));
    }

    /// <summary>
    /// Loads an organisation a change names besides its subject (a parent, a merge target), or the
    /// refusal: a field error when it does not exist or the caller cannot see it, 403 with
    /// <paramref name="forbidden"/> when the caller may not change under it. No id, no organisation
    /// and no refusal.
    /// </summary>
    public async Task<(Organisation? Organisation, ProblemHttpResult? Refusal)> NamedAsync(
        Caller caller, Guid? id, string field, string forbidden, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            return (null, null);
        }

        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null || !await CanSeeAsync(caller, organisation.Path, cancellationToken))
        {
            return (null, Problems.Field(field, "no such organisation"));
        }

        return await CanChangeAsync(caller, organisation.Path, cancellationToken) ? (organisation, null) : (null, Problems.Forbidden(forbidden));
    }

    /// <summary>
    /// A test of where the caller may change things, for bulk work: takes the path of the organisation
    /// to change under ("" for a new root, which only admin may add).
    /// </summary>
    public async Task<Func<string, bool>> ChangeScopeAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (caller.IsAdmin)
        {
            return _ => true;
        }

        var homePath = await HomePathAsync(caller, cancellationToken);
        return path => path.Length > 0 && OrganisationScope.Allows(caller, ChangeAction, homePath, path);
    }

    private Task<string?> HomePathAsync(Caller caller, CancellationToken cancellationToken) =>
        db.Organisations.AsNoTracking()
            .Where(o => o.Id == caller.HomeOrganisationId)
            .Select(o => o.Path)
            .FirstOrDefaultAsync(cancellationToken);
}
