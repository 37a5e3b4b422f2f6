using Microsoft.EntityFrameworkCore;
using PartyGrid.Organisations.Data;
using PartyGrid.ServiceDefaults.Identity;

namespace PartyGrid.Organisations.Api;

/// <summary>Which organisations a caller may see and change: admin everything, others their home subtree.</summary>
public sealed class OrganisationAccess(OrganisationsDbContext db)
{
    public async Task<bool> CanSeeAsync(Caller caller, string targetPath, CancellationToken cancellationToken) =>
        caller.IsAdmin || await WithinHomeAsync(caller, targetPath, cancellationToken);

    /// <summary><c>org-admin</c> changes organisations in its subtree; <c>admin</c> anywhere.</summary>
    public async Task<bool> CanChangeAsync(Caller caller, string? targetPath, CancellationToken cancellationToken) =>
        caller.IsAdmin
        || (caller.Roles.Contains(Roles.OrgAdmin) && targetPath is not null && await WithinHomeAsync(caller, targetPath, cancellationToken));

    private async Task<bool> WithinHomeAsync(Caller caller, string targetPath, CancellationToken cancellationToken)
    {
        var homePath = await db.Organisations.AsNoTracking()
            .Where(o => o.Id == caller.HomeOrganisationId)
            .Select(o => o.Path)
            .FirstOrDefaultAsync(cancellationToken);
        return homePath is not null && OrganisationScope.Contains(homePath, targetPath);
    }
}
