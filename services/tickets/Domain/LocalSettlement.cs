using System.Linq.Expressions;

namespace PartyGrid.Tickets.Domain;

/// <summary>
/// 小事不出村、大事不出镇: a ticket is resolved locally when it was settled at the level it was taken
/// in. A group's matters are worked at its village, so group and village count as one level. Tickets
/// decide it here and carry it in <see cref="TicketChanged.ResolvedLocally"/>, so the tickets' own
/// statistics and assessment's indicator are the same rule, never two. It is judged on the first
/// resolution: that is the one counted, and a rectification after a bad rating does not move it.
/// </summary>
public static class LocalSettlement
{
    /// <summary>The rule as a query filter (the statistics count it in the database).</summary>
    public static readonly Expression<Func<Ticket, bool>> ResolvedLocally = t =>
        t.FirstResolvedTier != null
        && (t.FirstResolvedTier == t.IntakeTier || (t.IntakeTier == OrganisationTier.Group && t.FirstResolvedTier == OrganisationTier.Village));

    private static readonly Func<Ticket, bool> Compiled = ResolvedLocally.Compile();

    public static bool Of(Ticket ticket) => Compiled(ticket);
}
