using Microsoft.AspNetCore.Http.HttpResults;
using PartyGrid.ServiceDefaults.Identity;
using PartyGrid.ServiceDefaults.Messaging;

namespace PartyGrid.Assessment.Api;

public sealed record ClosedPeriodResponse(string Period, int SchemeVersion, int Organisations, DateTimeOffset ClosedAt, string ClosedBy);

public static class PeriodsApi
{
    public static RouteGroupBuilder MapPeriodsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/periods/{period}/close", Close).RequireAuthorization(Policies.Admin)
            .WithSummary("Freeze a finished month's scorecards (admin) and publish AssessmentPublished; later events show as adjustments.");
        api.MapGet("/periods", List).WithSummary("The closed months, newest first.");
        return api;
    }

    private static async Task<Results<Ok<ClosedPeriodResponse>, ValidationProblem, ProblemHttpResult>> Close(
        string period, Caller caller, AssessmentDbContext db, SchemeBook schemes, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!AssessmentPeriod.TryParse(period, out var month))
        {
            return Problems.Field("period", "must be a month as yyyy-MM, e.g. 2026-10");
        }

        if (month >= AssessmentPeriod.Current(time))
        {
            return Problems.RuleViolated("period-not-over", $"{month} is not over yet; a month is closed after its last day.");
        }

        var text = month.ToString();
        var now = time.GetUtcNow();
        var scheme = await schemes.InForceAsync(month, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // The closing row goes first: of two admins closing at once, the second waits here and then
        // finds the month closed, before anything is frozen twice.
        var claimed = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO closed_periods (period, scheme_version, closed_at, closed_by) VALUES ({text}, {scheme.Version}, {now}, {caller.Subject}) ON CONFLICT DO NOTHING",
            cancellationToken);
        if (claimed == 0)
        {
            return Problems.Conflict("period-closed", $"{month} is already closed.");
        }

        var organisations = await db.Database.ExecuteSqlRawAsync(CountsSql.Freeze, [new Npgsql.NpgsqlParameter("period", text)], cancellationToken);
        db.Publish(new AssessmentPublished(Guid.CreateVersion7(now), text, scheme.Version, organisations, now, caller.Subject), now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new ClosedPeriodResponse(text, scheme.Version, organisations, now, caller.Subject));
    }

    private static async Task<Ok<List<ClosedPeriod>>> List(Caller caller, AssessmentDbContext db, CancellationToken cancellationToken)
    {
        _ = caller;
        return TypedResults.Ok(await db.ClosedPeriods.AsNoTracking().OrderByDescending(p => p.Period).ToListAsync(cancellationToken));
    }
}
