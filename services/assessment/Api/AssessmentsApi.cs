using Microsoft.AspNetCore.Http.HttpResults;
using PartyGrid.ServiceDefaults.Identity;
using PartyGrid.ServiceDefaults.Paging;
using PartyGrid.ServiceDefaults.Projections;

namespace PartyGrid.Assessment.Api;

public static class AssessmentsApi
{
    public static void MapAssessmentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/assessments").WithTags("Assessments");
        api.MapGet("/{orgId:guid}", Get)
            .WithSummary("An organisation's scorecard for a month, quarter (2026-Q4) or year (2026), default this month: indicators, the counts behind them, score, rank among siblings, 双满意.");
        api.MapGet("/{orgId:guid}/league", League)
            .WithSummary("The organisation's children ranked by score for a month, top five on the red list (红榜) and bottom five on the black list (黑榜).");
        api.MapGet("/{orgId:guid}/trend", Trend)
            .WithSummary("An organisation's score, indicators and 双满意 month by month (from/to as yyyy-MM, default the last six months), for charts.");
        api.MapGet("/{orgId:guid}/tickets", Behind)
            .WithSummary("The tickets behind one count of a scorecard (count=submitted, unsatisfiedRatings, rectificationsDue, …), each with why it counts; cursor-paged.");
        api.MapGet("/league", Roots)
            .WithSummary("The top organisations (counties) ranked for a month, as a province sees them (admin).");
        api.MapAssessmentExportApi().MapPeriodsApi().MapRebuildApi();
        app.MapSchemesApi();
        app.MapSurveysApi();
    }

    private static Task<Results<Ok<Scorecard>, ValidationProblem, ProblemHttpResult>> Get(
        Guid orgId, string? period, string? scope, Caller caller, ProjectedScope<AssessmentDbContext> organisations, Scorecards scorecards,
        TimeProvider time, CancellationToken cancellationToken) =>
        MonthQuery.ForOrganisationAsync(orgId, period, scope, caller, organisations, time, cancellationToken,
            async (organisation, span, over) => TypedResults.Ok(await scorecards.ForAsync(organisation, span, over, cancellationToken)));

    private static Task<Results<Ok<League>, ValidationProblem, ProblemHttpResult>> League(
        Guid orgId, string? period, string? scope, Caller caller, ProjectedScope<AssessmentDbContext> organisations, Scorecards scorecards,
        TimeProvider time, CancellationToken cancellationToken) =>
        MonthQuery.ForOrganisationAsync(orgId, period, scope, caller, organisations, time, cancellationToken,
            async (organisation, span, over) => TypedResults.Ok(await scorecards.LeagueAsync(organisation, span, over, cancellationToken)));

    private static async Task<Results<Ok<IReadOnlyList<TrendPoint>>, ValidationProblem, ProblemHttpResult>> Trend(
        Guid orgId, string? from, string? to, string? scope, Caller caller, ProjectedScope<AssessmentDbContext> organisations, Scorecards scorecards,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (MonthQuery.ReadTrend(from, to, scope, time, out var months, out var over) is { } invalid)
        {
            return invalid;
        }

        return await organisations.ListRootAsync(caller, orgId, cancellationToken) is { } organisation
            ? TypedResults.Ok(await scorecards.TrendAsync(organisation, months, over, cancellationToken))
            : Problems.NotFound("organisation");
    }

    private static async Task<Results<Ok<Page<CountedTicket>>, ValidationProblem, ProblemHttpResult>> Behind(
        Guid orgId, string? period, string? scope, string? count, int? limit, string? cursor, Caller caller,
        ProjectedScope<AssessmentDbContext> organisations, CountedTickets tickets, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var counter = MonthQuery.TicketCounter(count, errors);
        var page = PageRequest.Parse(limit, cursor, errors);
        if (MonthQuery.Read(period, scope, time, out var span, out var over) is { } invalid)
        {
            return invalid;
        }

        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        return await organisations.ListRootAsync(caller, orgId, cancellationToken) is { } organisation
            ? TypedResults.Ok(await tickets.ListAsync(organisation, span, over, counter!.Value, page, cancellationToken))
            : Problems.NotFound("organisation");
    }

    private static async Task<Results<Ok<League>, ValidationProblem, ProblemHttpResult>> Roots(
        string? period, string? scope, Caller caller, Scorecards scorecards, TimeProvider time, CancellationToken cancellationToken)
    {
        if (MonthQuery.Read(period, scope, time, out var month, out var over) is { } invalid)
        {
            return invalid;
        }

        return caller.IsAdmin
            ? TypedResults.Ok(await scorecards.LeagueAsync(null, month, over, cancellationToken))
            : Problems.Forbidden("The league of all counties is for admin; others see the league under their own organisation.");
    }
}

/// <summary>The <c>period</c> and <c>scope</c> query parameters.</summary>
public static class MonthQuery
{
    /// <summary>
    /// The answer about one organisation of the caller's scope for the period and scope asked: the 400
    /// naming a bad parameter, the 404 for an organisation the caller does not see, else <paramref name="answer"/>.
    /// </summary>
    public static async Task<Results<T, ValidationProblem, ProblemHttpResult>> ForOrganisationAsync<T>(
        Guid orgId, string? period, string? scope, Caller caller, ProjectedScope<AssessmentDbContext> organisations, TimeProvider time,
        CancellationToken cancellationToken, Func<ProjectedOrganisation, AssessmentSpan, AssessmentScope, Task<T>> answer)
        where T : IResult
    {
        if (Read(period, scope, time, out var span, out var over) is { } invalid)
        {
            return invalid;
        }

        return await organisations.ListRootAsync(caller, orgId, cancellationToken) is { } organisation
            ? await answer(organisation, span, over)
            : Problems.NotFound("organisation");
    }

    /// <summary>Both parameters, the period a month, quarter or year (default this month); or the 400 naming what is wrong with them.</summary>
    public static ValidationProblem? Read(string? period, string? scope, TimeProvider time, out AssessmentSpan span, out AssessmentScope over)
    {
        var errors = new FieldErrors();
        span = AssessmentSpan.Month(AssessmentPeriod.Current(time));
        if (period is not null && !AssessmentSpan.TryParse(period, out span))
        {
            errors.Add("period", "must be a month (yyyy-MM, e.g. 2026-11), a quarter (2026-Q4) or a year (2026)");
        }

        over = Scope(scope, errors);
        return errors.Any ? Problems.Validation(errors.ToDictionary()) : null;
    }

    /// <summary>The most months one trend shows: three years of monthly points.</summary>
    public const int MaxTrendMonths = 36;

    /// <summary>
    /// A trend's months, <paramref name="from"/> to <paramref name="to"/> inclusive (default: the six
    /// months ending this one), and its scope; or the 400 naming what is wrong.
    /// </summary>
    public static ValidationProblem? ReadTrend(string? from, string? to, string? scope, TimeProvider time, out AssessmentSpan months, out AssessmentScope over)
    {
        var errors = new FieldErrors();
        var last = to is null ? AssessmentPeriod.Current(time) : Parse(to, time, "to", errors);
        var first = from is null ? last.AddMonths(-5) : Parse(from, time, "from", errors);
        months = new AssessmentSpan(first, last, $"{first}..{last}");
        if (!errors.Any && first > last)
        {
            errors.Add("from", "must not be after to");
        }
        else if (!errors.Any && months.Months.Count() > MaxTrendMonths)
        {
            errors.Add("from", $"a trend shows at most {MaxTrendMonths} months");
        }

        over = Scope(scope, errors);
        return errors.Any ? Problems.Validation(errors.ToDictionary()) : null;
    }

    public static AssessmentPeriod Parse(string? period, TimeProvider time, string field, FieldErrors errors)
    {
        if (period is null)
        {
            return AssessmentPeriod.Current(time);
        }

        if (!AssessmentPeriod.TryParse(period, out var month))
        {
            errors.Add(field, "must be a month as yyyy-MM, e.g. 2026-11");
        }

        return month;
    }

    /// <summary>A count a scorecard shows that tickets make up, by its name in <c>counts</c>.</summary>
    public static Counter? TicketCounter(string? count, FieldErrors errors)
    {
        foreach (var counter in TicketContribution.Listable)
        {
            if (counter.JsonName() == count)
            {
                return counter;
            }
        }

        errors.Add("count", $"must be one of: {string.Join(", ", TicketContribution.Listable.Select(c => c.JsonName()).Order(StringComparer.Ordinal))}");
        return null;
    }

    public static AssessmentScope Scope(string? scope, FieldErrors errors)
    {
        switch (scope)
        {
            case null or "subtree":
                return AssessmentScope.Subtree;
            case "own":
                return AssessmentScope.Own;
            default:
                errors.Add("scope", "must be own or subtree");
                return AssessmentScope.Subtree;
        }
    }
}
