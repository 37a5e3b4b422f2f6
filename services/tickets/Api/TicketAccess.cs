using Microsoft.AspNetCore.Http.HttpResults;
using NpgsqlTypes;
using PartyGrid.ServiceDefaults.Projections;

namespace PartyGrid.Tickets.Api;

/// <summary>
/// Tickets are read by anyone whose subtree took them in or handled them, and worked by
/// <c>staff</c> of the subtree that holds them now (admin everywhere). Unknown or unseen tickets
/// answer 404; seen but not workable 403.
/// </summary>
public sealed class TicketAccess(TicketsDbContext db, ProjectedScope<TicketsDbContext> scope)
{
    public ProjectedScope<TicketsDbContext> Scope => scope;

    public async Task<bool> SeesAsync(Caller caller, Ticket ticket, CancellationToken cancellationToken)
    {
        if (caller.IsAdmin)
        {
            return true;
        }

        var home = await scope.HomePathAsync(caller, cancellationToken);
        return home is { } path && await Readable(path).AnyAsync(id => id == ticket.Id, cancellationToken);
    }

    public async Task<bool> WorksAsync(Caller caller, Guid organisationId, CancellationToken cancellationToken) =>
        caller.IsAdmin || (await scope.FindAsync(organisationId, cancellationToken) is { } org
                           && await scope.CanActAsync(caller, Roles.Staff, org.Path, cancellationToken));

    /// <summary>
    /// The site a ticket is taken in at, or the refusal: 400 on <c>intakeOrgId</c> when it does not
    /// exist or the caller cannot see it, 403 when the caller is not its staff, 422 when it is dissolved.
    /// </summary>
    public async Task<(ProjectedOrganisation? Organisation, ProblemHttpResult? Refusal)> ForIntakeAsync(
        Caller caller, Guid organisationId, CancellationToken cancellationToken)
    {
        if (await scope.FindVisibleAsync(caller, organisationId, cancellationToken) is not { } organisation)
        {
            return (null, Problems.Field("intakeOrgId", "no such organisation"));
        }

        if (!await WorksAsync(caller, organisation.Id, cancellationToken))
        {
            return (null, Problems.Forbidden("Taking in tickets needs staff of the intake organisation's subtree (or admin)."));
        }

        organisation.EnsureTakesNewWork("tickets");
        return (organisation, null);
    }

    /// <summary>Ids of the tickets taken in or handled anywhere at or under <paramref name="path"/>.</summary>
    public IQueryable<Guid> Readable(LTree path)
    {
        var subtree = scope.SubtreeIds(path);
        return db.Handlers.Where(h => subtree.Contains(h.OrganisationId)).Select(h => h.TicketId);
    }
}
