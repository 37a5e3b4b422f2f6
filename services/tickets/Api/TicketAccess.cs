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

    /// <summary>The right each action needs: most work the ticket where it is now; any staff who see it may comment or reopen.</summary>
    public static TicketRight RightFor(TicketAction action) => action switch
    {
        TicketAction.Comment or TicketAction.Reopen => TicketRight.Follow,
        TicketAction.Rate => TicketRight.Rate,
        _ => TicketRight.Work,
    };

    public async Task<bool> HoldsAsync(Caller caller, Ticket ticket, TicketRight right, CancellationToken cancellationToken) => right switch
    {
        TicketRight.Work => await WorksAsync(caller, ticket.CurrentOrganisationId, cancellationToken),
        TicketRight.Rate => caller.HasRole(Roles.Staff) && ticket.MayBeRatedBy(new Rater(caller.Subject, caller.IsPartner, caller.HomeOrganisationId)),
        _ => caller.HasRole(Roles.Staff),
    };

    /// <summary>What the caller may do to a ticket now: allowed in its status and by the caller's right.</summary>
    public async Task<IReadOnlyList<TicketAction>> ActionsAsync(Caller caller, Ticket ticket, CancellationToken cancellationToken)
    {
        var held = new Dictionary<TicketRight, bool>();
        var actions = new List<TicketAction>();
        foreach (var action in Enum.GetValues<TicketAction>().Where(a => a.Allows(ticket.Status)))
        {
            var right = RightFor(action);
            if (!held.TryGetValue(right, out var holds))
            {
                held[right] = holds = await HoldsAsync(caller, ticket, right, cancellationToken);
            }

            if (holds)
            {
                actions.Add(action);
            }
        }

        return actions;
    }

    /// <summary>The site a ticket is taken in at: its staff (or admin) take tickets in there.</summary>
    public Task<(ProjectedOrganisation? Organisation, ProblemHttpResult? Refusal)> ForIntakeAsync(
        Caller caller, Guid organisationId, CancellationToken cancellationToken) =>
        scope.ForNewWorkAsync(caller, organisationId, Roles.Staff, Intake, cancellationToken);

    private static readonly NewWork Intake = new(
        "intakeOrgId", "Taking in tickets needs staff of the intake organisation's subtree (or admin).", "tickets");

    /// <summary>A group point's ticket is worked by its village station, unless settled on the spot.</summary>
    public async Task<ProjectedOrganisation> HandlingSiteAsync(ProjectedOrganisation intake, bool settledOnTheSpot, CancellationToken cancellationToken) =>
        intake.Tier == OrganisationTier.Group && !settledOnTheSpot && intake.ParentId is { } village
            ? await scope.FindAsync(village, cancellationToken) ?? intake
            : intake;

    /// <summary>
    /// The tickets a list shows: everything for admin without an organisation; otherwise those at the
    /// organisation (taken in or held there) or, with <paramref name="subtree"/>, handled anywhere under
    /// it. Null when the organisation is not one the caller sees.
    /// </summary>
    public async Task<IQueryable<Ticket>?> ListedAsync(Caller caller, Guid? orgId, bool subtree, CancellationToken cancellationToken)
    {
        var rows = db.Tickets.AsNoTracking().IgnoreAutoIncludes();
        if (orgId is null && caller.IsAdmin)
        {
            return rows;
        }

        if (await scope.ListRootAsync(caller, orgId, cancellationToken) is not { } root)
        {
            return null;
        }

        var readable = Readable(root.Path);
        return subtree
            ? rows.Where(t => readable.Contains(t.Id))
            : rows.Where(t => t.CurrentOrganisationId == root.Id || t.IntakeOrganisationId == root.Id);
    }

    /// <summary>Ids of the tickets taken in or handled anywhere at or under <paramref name="path"/>.</summary>
    public IQueryable<Guid> Readable(LTree path)
    {
        var subtree = scope.SubtreeIds(path);
        return db.Handlers.Where(h => subtree.Contains(h.OrganisationId)).Select(h => h.TicketId);
    }
}
