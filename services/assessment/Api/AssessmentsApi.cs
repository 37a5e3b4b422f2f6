using Microsoft.AspNetCore.Http.HttpResults;
using PartyGrid.Assessment.Data;
using PartyGrid.Assessment.Scoring;
using PartyGrid.ServiceDefaults.Identity;
using PartyGrid.ServiceDefaults.Problems;
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
        api.MapPeriodsApi().MapRebuildApi();
        app.MapSchemesApi();
        app.MapSurveysApi();
    }

    private static async Task<Results<Ok<Scorecard>, ValidationProblem, ProblemHttpResult>> Get(
        Guid orgId, string? period, string? scope, Caller caller, ProjectedScope<AssessmentDbContext> organisations, Scorecards scorecards,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var month = MonthQuery.Parse(period, time, errors);
        var over = MonthQuery.Scope(scope, errors);
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        if (await organisations.ListRootAsync(caller, orgId, cancellationToken) is not { } organisation)
        {
            return Problems.NotFound("organisation");
        }

        return TypedResults.Ok(await scorecards.ForAsync(organisation, month, over, cancellationToken));
    }

    private static async Task<Results<Ok<League>, ValidationProblem, ProblemHttpResult>> League(
        Guid orgId, string? period, string? scope, Caller caller, ProjectedScope<AssessmentDbContext> organisations, Scorecards scorecards,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var month = MonthQuery.Parse(period, time, errors);
        var over = MonthQuery.Scope(scope, errors);
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        if (await organisations.ListRootAsync(caller, orgId, cancellationToken) is not { } organisation)
        {
            return Problems.NotFound("organisation");
        }

        return TypedResults.Ok(await scorecards.LeagueAsync(organisation, month, over, cancellationToken));
    }
}

/// <summary>The <c>period</c> and <c>scope</c> query parameters.</summary>
public static class MonthQuery
{
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
