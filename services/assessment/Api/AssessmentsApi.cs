using Microsoft.AspNetCore.Http.HttpResults;
using PartyGrid.ServiceDefaults.Identity;
using PartyGrid.ServiceDefaults.Projections;

namespace PartyGrid.Assessment.Api;

public static class AssessmentsApi
{
    public static void MapAssessmentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/assessments").WithTags("Assessments");
        api.MapGet("/{orgId:guid}", Get)
            .WithSummary("An organisation's scorecard for a month (default this month): indicators, the counts behind them, score, rank among siblings, 双满意.");
        api.MapGet("/{orgId:guid}/league", League)
            .WithSummary("The organisation's children ranked by score for a month, top five on the red list (红榜) and bottom five on the black list (黑榜).");
        api.MapGet("/league", Roots)
            .WithSummary("The top organisations (counties) ranked for a month, as a province sees them (admin).");
        api.MapPeriodsApi().MapRebuildApi();
        app.MapSchemesApi();
        app.MapSurveysApi();
    }

    private static async Task<Results<Ok<Scorecard>, ValidationProblem, ProblemHttpResult>> Get(
        Guid orgId, string? period, string? scope, Caller caller, ProjectedScope<AssessmentDbContext> organisations, Scorecards scorecards,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (MonthQuery.Read(period, scope, time, out var month, out var over) is { } invalid)
        {
            return invalid;
        }

        return await organisations.ListRootAsync(caller, orgId, cancellationToken) is { } organisation
            ? TypedResults.Ok(await scorecards.ForAsync(organisation, month, over, cancellationToken))
            : Problems.NotFound("organisation");
    }

    private static async Task<Results<Ok<League>, ValidationProblem, ProblemHttpResult>> League(
        Guid orgId, string? period, string? scope, Caller caller, ProjectedScope<AssessmentDbContext> organisations, Scorecards scorecards,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (MonthQuery.Read(period, scope, time, out var month, out var over) is { } invalid)
        {
            return invalid;
        }

        return await organisations.ListRootAsync(caller, orgId, cancellationToken) is { } organisation
            ? TypedResults.Ok(await scorecards.LeagueAsync(organisation, month, over, cancellationToken))
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
    /// <summary>Both parameters, or the 400 naming what is wrong with them.</summary>
    public static ValidationProblem? Read(string? period, string? scope, TimeProvider time, out AssessmentPeriod month, out AssessmentScope over)
    {
        var errors = new FieldErrors();
        month = Parse(period, time, errors);
        over = Scope(scope, errors);
        return errors.Any ? Problems.Validation(errors.ToDictionary()) : null;
    }

    public static AssessmentPeriod Parse(string? period, TimeProvider time, FieldErrors errors)
    {
        if (period is null)
        {
            return AssessmentPeriod.Current(time);
        }

        if (!AssessmentPeriod.TryParse(period, out var month))
        {
            errors.Add("period", "must be a month as yyyy-MM, e.g. 2026-11");
        }

        return month;
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
