using Microsoft.AspNetCore.Http.HttpResults;
using PartyGrid.ServiceDefaults.Projections;

namespace PartyGrid.Members.Api;

/// <summary>
/// Members are seen by anyone whose subtree holds their organisation and changed by its
/// <c>org-admin</c> (admin everywhere). Unknown or unseen members answer 404; seen but not
/// changeable 403.
/// </summary>
public sealed class MemberAccess(MembersDbContext db, ProjectedScope<MembersDbContext> scope)
{
    public ProjectedScope<MembersDbContext> Scope => scope;

    public async Task<(Member? Member, ProblemHttpResult? Refusal)> ForReadAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        return member is not null && await SeesAsync(caller, member.OrganisationId, cancellationToken)
            ? (member, null)
            : (null, Problems.NotFound("The member"));
    }

    /// <summary>The member, tracked, when the caller may change them.</summary>
    public async Task<(Member? Member, ProblemHttpResult? Refusal)> ForChangeAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var member = await db.Members.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (member is null)
        {
            return (null, Problems.NotFound("The member"));
        }

        return await ChangesAsync(caller, member.OrganisationId, cancellationToken)
            ? (member, null)
            : (null, Problems.Forbidden("Changing a member needs org-admin for the member's organisation (or admin)."));
    }

    /// <summary>
    /// The members a list shows: everyone for admin without an organisation; otherwise those of the
    /// organisation or, with <paramref name="subtree"/>, of everything under it. Null when the
    /// organisation is not one the caller sees.
    /// </summary>
    public async Task<IQueryable<Member>?> ListedAsync(Caller caller, Guid? orgId, bool subtree, CancellationToken cancellationToken)
    {
        var rows = db.Members.AsNoTracking();
        if (orgId is null && caller.IsAdmin)
        {
            return rows;
        }

        if (await scope.ListRootAsync(caller, orgId, cancellationToken) is not { } root)
        {
            return null;
        }

        var ids = scope.SubtreeIds(root.Path);
        return subtree ? rows.Where(m => ids.Contains(m.OrganisationId)) : rows.Where(m => m.OrganisationId == root.Id);
    }

    /// <summary>The organisation a new member or team goes into: its org-admin (or admin) adds them.</summary>
    public Task<(ProjectedOrganisation? Organisation, ProblemHttpResult? Refusal)> ForNewWorkAsync(
        Caller caller, Guid organisationId, string field, CancellationToken cancellationToken) =>
        scope.ForNewWorkAsync(caller, organisationId, Roles.OrgAdmin, new(field, "This needs org-admin for the organisation (or admin).", "new members or teams"), cancellationToken);

    /// <summary>
    /// Why a mobile member cannot go to this organisation, or null: any organisation may receive one,
    /// seen or not (members flow across counties), but it must exist and take new work (422 when dissolved).
    /// </summary>
    public async Task<ProblemHttpResult?> DestinationRefusalAsync(Guid organisationId, string field, CancellationToken cancellationToken)
    {
        if (await scope.FindAsync(organisationId, cancellationToken) is not { } destination)
        {
            return Problems.Field(field, "no such organisation");
        }

        destination.EnsureTakesNewWork("mobile members");
        return null;
    }

    /// <summary>
    /// Why a member with one of these identity-number lookups cannot be registered, or null. Checked
    /// before the unique index would: it compares today's hash only (a row not yet re-hashed after a
    /// lookup-key change carries the old one), and a member the caller cannot see must not be confirmed.
    /// </summary>
    public async Task<ProblemHttpResult?> RecordedElsewhereAsync(Caller caller, IReadOnlyList<byte[]> idNumberLookups, CancellationToken cancellationToken)
    {
        var recorded = await db.Members.AsNoTracking().Where(m => idNumberLookups.Contains(m.IdNumberLookup)).Select(m => (Guid?)m.OrganisationId)
            .FirstOrDefaultAsync(cancellationToken);
        return recorded is not { } organisationId ? null
            : await SeesAsync(caller, organisationId, cancellationToken) ? MemberExists()
            : Problems.Field("idNumber", IdentityNumber.Unusable);
    }

    public static ProblemHttpResult MemberExists() => Problems.Conflict("member-exists", "A member with this identity number is already recorded.");

    public async Task<bool> SeesAsync(Caller caller, Guid organisationId, CancellationToken cancellationToken) =>
        caller.IsAdmin || (await scope.FindAsync(organisationId, cancellationToken) is { } org && await scope.CanSeeAsync(caller, org.Path, cancellationToken));

    public async Task<bool> ChangesAsync(Caller caller, Guid organisationId, CancellationToken cancellationToken) =>
        caller.IsAdmin || (await scope.FindAsync(organisationId, cancellationToken) is { } org
                           && await scope.CanActAsync(caller, Roles.OrgAdmin, org.Path, cancellationToken));
}
