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
    /// The organisation a new member or team goes into, or the refusal: 400 on <paramref name="field"/>
    /// when it does not exist or the caller cannot see it, 403 when the caller is not its org-admin,
    /// 422 when it is dissolved.
    /// </summary>
    public async Task<(ProjectedOrganisation? Organisation, ProblemHttpResult? Refusal)> ForNewWorkAsync(
        Caller caller, Guid organisationId, string field, CancellationToken cancellationToken)
    {
        var organisation = await scope.FindVisibleAsync(caller, organisationId, cancellationToken);
        if (organisation is null)
        {
            return (null, Problems.Field(field, "no such organisation"));
        }

        if (!await ChangesAsync(caller, organisation.Id, cancellationToken))
        {
            return (null, Problems.Forbidden("This needs org-admin for the organisation (or admin)."));
        }

        organisation.EnsureTakesNewWork("new members or teams");
        return (organisation, null);
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
