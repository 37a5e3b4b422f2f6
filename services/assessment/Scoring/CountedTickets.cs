using PartyGrid.Assessment.Projections;
using PartyGrid.ServiceDefaults.Paging;
using PartyGrid.ServiceDefaults.Projections;

namespace PartyGrid.Assessment.Scoring;

/// <param name="Amount">What the ticket adds to the count (a rating's score for <c>ratingSum</c>; two ratings in the period count two).</param>
/// <param name="Reason">Why it counts, as staff read it: the dates and outcomes behind the figure.</param>
public sealed record CountedTicket(Guid TicketId, string Number, string Title, string Category, Guid OrgId, int Amount, string Reason);

/// <summary>
/// The tickets behind one count of a scorecard: the same contributions the counts are made of
/// (<see cref="TicketContribution"/>), kept where the counter, the period and the organisation match.
/// Candidates are read in id order in chunks — those taken in, held or first resolved in the scope and
/// submitted before the period ended — so a page is found without reading every ticket at once.
/// </summary>
public sealed class CountedTickets(AssessmentDbContext db, ProjectedScope<AssessmentDbContext> organisations)
{
    private const int Chunk = 500;

    public async Task<Page<CountedTicket>> ListAsync(
        ProjectedOrganisation root, AssessmentSpan span, AssessmentScope scope, Counter counter, PageRequest page, CancellationToken cancellationToken)
    {
        var inScope = scope == AssessmentScope.Own
            ? organisations.Organisations.Where(o => o.Id == root.Id).Select(o => o.Id)
            : organisations.SubtreeIds(root.Path);
        var ids = (await inScope.ToListAsync(cancellationToken)).ToHashSet();
        var end = span.Last.AddMonths(1).Start.ToUniversalTime();
        var candidates = db.Tickets.AsNoTracking().Where(t =>
            t.SubmittedAt < end
            && (inScope.Contains(t.IntakeOrganisationId) || inScope.Contains(t.CurrentOrganisationId)
                || (t.FirstResolvedOrganisationId != null && inScope.Contains(t.FirstResolvedOrganisationId.Value))));

        var found = new List<CountedTicket>();
        var after = page.After;
        while (found.Count <= page.Limit)
        {
            var chunk = await candidates.After(after, Chunk).ToListAsync(cancellationToken);
            foreach (var ticket in chunk)
            {
                var behind = TicketContribution.Explained(ticket)
                    .Where(e => e.Contribution.Counter == counter && ids.Contains(e.Contribution.OrganisationId)
                                && e.Contribution.Period >= span.First && e.Contribution.Period <= span.Last)
                    .ToList();
                if (behind.Count > 0)
                {
                    found.Add(new CountedTicket(
                        ticket.Id, ticket.Number, ticket.Title, WireName.Of(ticket.Category), behind[0].Contribution.OrganisationId,
                        behind.Sum(e => e.Contribution.Amount), string.Join("；", behind.Select(e => e.Reason).Distinct())));
                }
            }

            if (chunk.Count < Chunk)
            {
                break;
            }

            after = chunk[^1].Id;
        }

        return page.ToPage(found, t => t.TicketId, t => t);
    }
}
