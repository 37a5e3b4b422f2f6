using Microsoft.AspNetCore.Http.HttpResults;
using PartyGrid.ServiceDefaults.Hosting;

namespace PartyGrid.Tickets.Api;

/// <param name="Resolved">Tickets resolved at least once (a reopened ticket stays counted: its first resolution happened).</param>
/// <param name="LocalResolutionRate">Share of the resolved tickets first settled where they were taken in; null when none is resolved.</param>
public sealed record TicketStats(
    Guid OrgId,
    DateOnly From,
    DateOnly To,
    int Total,
    IReadOnlyDictionary<string, int> ByCategory,
    IReadOnlyDictionary<string, int> ByTier,
    IReadOnlyDictionary<string, int> ByStatus,
    IReadOnlyDictionary<string, int> ByChannel,
    int Resolved,
    int ResolvedLocally,
    double? LocalResolutionRate,
    int Overdue,
    int Supervised)
{
    /// <summary>Counts <paramref name="tickets"/> (those taken in within the subtree and period) as of <paramref name="now"/>.</summary>
    public static async Task<TicketStats> CountAsync(
        IQueryable<Ticket> tickets, Guid orgId, StatsPeriod period, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var byCategory = await tickets.GroupBy(t => t.Category).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var byTier = await tickets.GroupBy(t => t.CurrentTier).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var byStatus = await tickets.GroupBy(t => t.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var byChannel = await tickets.GroupBy(t => t.Channel).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var resolved = tickets.Where(t => t.FirstResolvedAt != null);
        var resolvedCount = await resolved.CountAsync(cancellationToken);
        var local = await resolved.CountAsync(LocalSettlement.ResolvedLocally, cancellationToken);
        var overdue = await tickets.CountAsync(Ticket.Overdue.At(now), cancellationToken);
        var supervised = await tickets.CountAsync(t => t.Supervised, cancellationToken);

        return new TicketStats(
            orgId,
            period.From,
            period.To,
            byStatus.Sum(s => s.Count),
            byCategory.ToDictionary(x => WireName.Of(x.Key), x => x.Count),
            byTier.ToDictionary(x => WireName.Of(x.Key), x => x.Count),
            byStatus.ToDictionary(x => WireName.Of(x.Key), x => x.Count),
            byChannel.ToDictionary(x => WireName.Of(x.Key), x => x.Count),
            resolvedCount,
            local,
            resolvedCount == 0 ? null : Math.Round((double)local / resolvedCount, 4),
            overdue,
            supervised);
    }
}

public static class StatsApi
{
    public static RouteGroupBuilder MapStatsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/stats", Stats).WithSummary("Tickets taken in within a subtree and period (Shanghai dates, to exclusive; default this month): counts and the local resolution rate.");
        return api;
    }

    private static async Task<Results<Ok<TicketStats>, ValidationProblem, ProblemHttpResult>> Stats(
        Guid? orgId, DateOnly? from, DateOnly? to, Caller caller, TicketsDbContext db, TicketAccess access, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (StatsPeriod.Read(from, to, ChinaTime.Today(time), errors) is not { } period)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var root = await access.Scope.ListRootAsync(caller, orgId, cancellationToken);
        if (root is null)
        {
            return Problems.NotFound("The organisation");
        }

        var (startAt, endAt) = (period.StartAt, period.EndAt);
        var subtree = access.Scope.SubtreeIds(root.Path);
        var tickets = db.Tickets.AsNoTracking().IgnoreAutoIncludes()
            .Where(t => subtree.Contains(t.IntakeOrganisationId) && t.SubmittedAt >= startAt && t.SubmittedAt < endAt);
        return TypedResults.Ok(await TicketStats.CountAsync(tickets, root.Id, period, time.GetUtcNow(), cancellationToken));
    }
}
