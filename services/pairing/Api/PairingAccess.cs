using Microsoft.AspNetCore.Http.HttpResults;
using PartyGrid.ServiceDefaults.Projections;

namespace PartyGrid.Pairing.Api;

/// <summary>
/// A pairing belongs to both sides: seen by anyone whose subtree holds either, arranged (proposed,
/// activated, ended) by either side's <c>org-admin</c>, and its activities recorded by either side's
/// <c>org-admin</c> or <c>staff</c>.
/// </summary>
public sealed class PairingAccess(ProjectedScope<PairingDbContext> scope)
{
    public ProjectedScope<PairingDbContext> Scope => scope;

    public async Task<bool> SeesAsync(Caller caller, Guid urban, Guid rural, CancellationToken cancellationToken) =>
        caller.IsAdmin || await AnyAsync(caller, null, cancellationToken, urban, rural);

    public Task<bool> ArrangesAsync(Caller caller, Guid urban, Guid rural, CancellationToken cancellationToken) =>
        AnyAsync(caller, Roles.OrgAdmin, cancellationToken, urban, rural);

    /// <summary>The sides whose org-admin the caller is.</summary>
    public async Task<PairingSides> ArrangingSidesAsync(Caller caller, Guid urban, Guid rural, CancellationToken cancellationToken) =>
        (await AnyAsync(caller, Roles.OrgAdmin, cancellationToken, urban) ? PairingSides.Urban : PairingSides.None)
        | (await AnyAsync(caller, Roles.OrgAdmin, cancellationToken, rural) ? PairingSides.Rural : PairingSides.None);

    public async Task<bool> RecordsAsync(Caller caller, Guid urban, Guid rural, CancellationToken cancellationToken) =>
        await AnyAsync(caller, Roles.OrgAdmin, cancellationToken, urban, rural) || await AnyAsync(caller, Roles.Staff, cancellationToken, urban, rural);

    /// <summary>
    /// Why the caller may not record <paramref name="what"/> on a pairing with these sides (null sides: no
    /// such pairing), or null: unseen is 404, seen but neither side's org-admin or staff is 403.
    /// </summary>
    public async Task<ProblemHttpResult?> RecordingRefusalAsync(
        Caller caller, Guid? urban, Guid? rural, string pairing, string what, CancellationToken cancellationToken)
    {
        if (urban is not { } u || rural is not { } r || !await SeesAsync(caller, u, r, cancellationToken))
        {
            return Problems.NotFound(pairing);
        }

        return await RecordsAsync(caller, u, r, cancellationToken)
            ? null
            : Problems.Forbidden($"Recording {what} needs org-admin or staff of {(u == r ? "the organisation" : "either side")}.");
    }

    private async Task<bool> AnyAsync(Caller caller, string? role, CancellationToken cancellationToken, params Guid[] organisations)
    {
        foreach (var id in organisations)
        {
            if (await scope.FindAsync(id, cancellationToken) is { } org
                && (role is null ? await scope.CanSeeAsync(caller, org.Path, cancellationToken) : await scope.CanActAsync(caller, role, org.Path, cancellationToken)))
            {
                return true;
            }
        }

        return false;
    }
}
