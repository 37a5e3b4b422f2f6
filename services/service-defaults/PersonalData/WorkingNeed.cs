using PartyGrid.ServiceDefaults.Identity;

namespace PartyGrid.ServiceDefaults.PersonalData;

/// <summary>
/// Who sees a resident's name, address and circumstances in full: the people working the matter —
/// staff or org-admin whose home is an organisation handling it. Viewers, partner systems and staff
/// elsewhere in the subtree (admin included) see them masked: reading a case is not serving it.
/// </summary>
public static class WorkingNeed
{
    public static bool Of(Caller caller, params ReadOnlySpan<Guid> handlingOrganisations) =>
        !caller.IsPartner
        && (caller.Roles.Contains(Roles.Staff) || caller.Roles.Contains(Roles.OrgAdmin))
        && handlingOrganisations.Contains(caller.HomeOrganisationId);
}
