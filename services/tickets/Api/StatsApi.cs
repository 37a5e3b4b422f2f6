using Microsoft.AspNetCore.Http.HttpResults;
using PartyGrid.ServiceDefaults.Hosting;

namespace PartyGrid.Tickets.Api;

/// <param name="LocalResolutionRate">Share of the resolved tickets settled where they were taken in, without escalation; null when none is resolved.</param>
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
    int Supervised);

public static class StatsApi
{
    /// <summary>The longest period one answer counts: a year is what a report asks for, and it bounds the scan.</summary>
    public const int MaxSpanDays = 366;

    /// <summary>No record is older (the service model began in 2009) or newer than these; beyond them dates are typing errors.</summary>
    public static readonly DateOnly Earliest = new(2000, 1, 1);

    public static readonly DateOnly Latest = new(2100, 1, 1);

    public static RouteGroupBuilder MapStatsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/stats", Stats).WithSummary("Tickets taken in within a subtree and period (Shanghai dates, to exclusive; default this month): counts and the local resolution rate.");
        return api;
    }

    private static async Task<Results<Ok<TicketStats>, ValidationProblem, ProblemHttpResult>> Stats(
        Guid? orgId, DateOnly? from, DateOnly? to, Caller caller, TicketsDbContext db, TicketAccess access, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(time);
        var start = from ?? new DateOnly(today.Year, today.Month, 1);
        if (start < Earliest || start >= Latest)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["from"] = [$"must lie from {Earliest:yyyy-MM-dd} to {Latest:yyyy-MM-dd}"] });
        }

        var end = to ?? start.AddMonths(1);
        if (end <= start)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["to"] = ["must be after from"] });
        }

        if (end.DayNumber - start.DayNumber > MaxSpanDays)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["to"] = [$"the period may span at most {MaxSpanDays} days"] });
        }

        var root = await access.Scope.ListRootAsync(caller, orgId, cancellationToken);
        if (root is null)
        {
            return Problems.NotFound("The organisation");
        }

        var startAt = Instant(start);
        var endAt = Instant(end);
        var subtree = access.Scope.SubtreeIds(root.Path);
        var tickets = db.Tickets.AsNoTracking().IgnoreAutoIncludes()
            .Where(t => subtree.Contains(t.IntakeOrganisationId) && t.SubmittedAt >= startAt && t.SubmittedAt < endAt);

        var byCategory = await tickets.GroupBy(t => t.Category).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var byTier = await tickets.GroupBy(t => t.CurrentTier).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var byStatus = await tickets.GroupBy(t => t.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var byChannel = await tickets.GroupBy(t => t.Channel).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var resolved = tickets.Where(t => t.ResolvedAt != null);
        var resolvedCount = await resolved.CountAsync(cancellationToken);
        var local = await resolved.CountAsync(LocalSettlement.ResolvedLocally, cancellationToken);
        var now = time.GetUtcNow();
        var open = Ticket.Open.Members;
        var overdue = await tickets.CountAsync(t => open.Contains(t.Status) && t.ResolutionDueAt <= now, cancellationToken);
        var supervised = await tickets.CountAsync(t => t.Supervised, cancellationToken);

        return TypedResults.Ok(new TicketStats(
            root.Id,
            start,
            end,
            byStatus.Sum(s => s.Count),
            byCategory.ToDictionary(x => WireName.Of(x.Key), x => x.Count),
            byTier.ToDictionary(x => WireName.Of(x.Key), x => x.Count),
            byStatus.ToDictionary(x => WireName.Of(x.Key), x => x.Count),
            byChannel.ToDictionary(x => WireName.Of(x.Key), x => x.Count),
            resolvedCount,
            local,
            resolvedCount == 0 ? null : Math.Round((double)local / resolvedCount, 4),
            overdue,
            supervised));
    }

    private static DateTimeOffset Instant(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, ChinaTime.Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
