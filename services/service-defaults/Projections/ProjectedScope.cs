using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;
using PartyGrid.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using PartyGrid.ServiceDefaults.Identity;

namespace PartyGrid.ServiceDefaults.Projections;

/// <summary>
/// The organisation tree as a service holds it in its projection, and <see cref="OrganisationScope"/>'s
/// rule applied to it: a caller sees their home subtree (admin everything) and changes it with the
/// role the change needs. Reads outside answer 404, writes 403 — the endpoints decide which.
/// </summary>
public sealed class ProjectedScope<TContext>(TContext db, OrganisationCache cache)
    where TContext : DbContext
{
    // One request asks about the same few organisations several times (the caller's home, the
    // target, its parent); the scope lives as long as the request, so it remembers the answers.
    private readonly Dictionary<Guid, ProjectedOrganisation?> seen = [];

    public IQueryable<ProjectedOrganisation> Organisations => db.Set<ProjectedOrganisation>().AsNoTracking();

    public async Task<ProjectedOrganisation?> FindAsync(Guid organisationId, CancellationToken cancellationToken)
    {
        if (!seen.TryGetValue(organisationId, out var organisation))
        {
            organisation = cache.Find(organisationId);
            if (organisation is null)
            {
                organisation = await Organisations.FirstOrDefaultAsync(o => o.Id == organisationId, cancellationToken);
                if (organisation is not null)
                {
                    cache.Keep(organisation);
                }
            }

            seen[organisationId] = organisation;
        }

        return organisation;
    }

    /// <summary>
    /// An organisation a write names, as the caller may know it: null when it does not exist and
    /// equally when it lies outside what the caller sees, so that a write cannot probe for ids.
    /// </summary>
    public async Task<ProjectedOrganisation?> FindVisibleAsync(Caller caller, Guid organisationId, CancellationToken cancellationToken) =>
        await FindAsync(organisationId, cancellationToken) is { } organisation && await CanSeeAsync(caller, organisation.Path, cancellationToken)
            ? organisation
            : null;

    public async Task<LTree?> HomePathAsync(Caller caller, CancellationToken cancellationToken) =>
        (await FindAsync(caller.HomeOrganisationId, cancellationToken))?.Path;

    public Task<bool> CanSeeAsync(Caller caller, LTree targetPath, CancellationToken cancellationToken) =>
        AllowsAsync(caller, OrganisationAction.See, targetPath, cancellationToken);

    /// <summary>Whether the caller holds <paramref name="role"/> over the target (admin always).</summary>
    public Task<bool> CanActAsync(Caller caller, string role, LTree targetPath, CancellationToken cancellationToken) =>
        AllowsAsync(caller, OrganisationAction.ActAs(role), targetPath, cancellationToken);

    /// <summary><see cref="OrganisationScope.Allows"/> with the caller's home as this service's projection places it.</summary>
    public async Task<bool> AllowsAsync(Caller caller, OrganisationAction action, LTree targetPath, CancellationToken cancellationToken) =>
        caller.IsAdmin || OrganisationScope.Allows(caller, action, (await HomePathAsync(caller, cancellationToken))?.ToString(), targetPath.ToString());

    /// <summary>
    /// The subtree a list covers: the requested organisation (default: the caller's home) when the
    /// caller may see it; null when it is unknown or outside the caller's scope.
    /// </summary>
    public async Task<ProjectedOrganisation?> ListRootAsync(Caller caller, Guid? organisationId, CancellationToken cancellationToken)
    {
        var root = await FindAsync(organisationId ?? caller.HomeOrganisationId, cancellationToken);
        return root is not null && await CanSeeAsync(caller, root.Path, cancellationToken) ? root : null;
    }

    /// <summary>Ids of the organisations at or under <paramref name="path"/>, for use inside a query.</summary>
    public IQueryable<Guid> SubtreeIds(LTree path) =>
        Organisations.Where(o => o.Path.IsDescendantOf(path)).Select(o => o.Id);

    /// <summary>
    /// The organisation new work goes into (a ticket's intake site, a member's branch, a household
    /// pairing's organisation), or the refusal: 400 on <paramref name="field"/> when it does not exist or
    /// the caller cannot see it, 403 with <paramref name="forbidden"/> when the caller does not hold
    /// <paramref name="role"/> over it, 422 when it is dissolved.
    /// </summary>
    public async Task<(ProjectedOrganisation? Organisation, ProblemHttpResult? Refusal)> ForNewWorkAsync(
        Caller caller, Guid organisationId, string role, NewWork work, CancellationToken cancellationToken)
    {
        if (await FindVisibleAsync(caller, organisationId, cancellationToken) is not { } organisation)
        {
            return (null, Problems.Problems.Field(work.Field, "no such organisation"));
        }

        if (!await CanActAsync(caller, role, organisation.Path, cancellationToken))
        {
            return (null, Problems.Problems.Forbidden(work.Forbidden));
        }

        organisation.EnsureTakesNewWork(work.What);
        return (organisation, null);
    }

    /// <summary>An active organisation that can take new members or work, or the reason it cannot.</summary>
    public static string? RefusalForNewWork(ProjectedOrganisation? organisation) => organisation switch
    {
        null => "no such organisation",
        { TakesNewWork: false } => "the organisation is dissolved",
        _ => null,
    };
}

/// <summary>What new work names its organisation in (<paramref name="Field"/>), the refusal for a caller without the role, and the work a dissolved organisation refuses.</summary>
public sealed record NewWork(string Field, string Forbidden, string What);
