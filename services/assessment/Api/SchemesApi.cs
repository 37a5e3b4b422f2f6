using Microsoft.AspNetCore.Http.HttpResults;
using PartyGrid.ServiceDefaults.Http;
using PartyGrid.ServiceDefaults.Identity;
using PartyGrid.ServiceDefaults.Persistence;

namespace PartyGrid.Assessment.Api;

public sealed record SchemeResponse(
    int Version,
    string EffectiveFrom,
    IReadOnlyDictionary<string, decimal> Weights,
    IReadOnlyDictionary<string, decimal> Floors,
    SchemeThresholds Thresholds,
    DateTimeOffset CreatedAt,
    string CreatedBy)
{
    public static SchemeResponse Of(AssessmentScheme scheme)
    {
        var document = SchemeBook.ToDocument(scheme);
        return new(scheme.Version, scheme.EffectiveFrom.ToString(), document.Weights, document.Floors, document.Thresholds, scheme.CreatedAt, scheme.CreatedBy);
    }
}

/// <param name="EffectiveFrom">First month scored with it (yyyy-MM); default this month; never a closed one.</param>
/// <param name="Weights">Indicator → weight 0–1; the weights add up to 1.</param>
/// <param name="Floors">Indicator → floor 0–1 on its goodness (for escalation and reopen rates, 1 − rate); below it the indicator scores 0.</param>
public sealed record SchemeRequest(
    string? EffectiveFrom,
    Dictionary<string, decimal>? Weights,
    Dictionary<string, decimal>? Floors,
    SchemeThresholds? Thresholds);

public static class SchemesApi
{
    public static void MapSchemesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/assessment-schemes").WithTags("Assessment schemes");
        api.MapGet("/current", Get).WithSummary("The newest scoring scheme: weights, floors and the 双满意 threshold; ETag is its version.");
        api.MapPut("/current", Put).RequireAuthorization(Policies.Admin).WithSummary("Save a new scheme version (admin, If-Match), effective from a month not yet closed.");
    }

    private static async Task<Ok<SchemeResponse>> Get(Caller caller, SchemeBook schemes, HttpResponse response, CancellationToken cancellationToken)
    {
        _ = caller;
        var scheme = await schemes.NewestAsync(cancellationToken);
        ETag.Set(response, scheme.Version);
        return TypedResults.Ok(SchemeResponse.Of(scheme));
    }

    private static async Task<Results<Ok<SchemeResponse>, ValidationProblem, ProblemHttpResult>> Put(
        SchemeRequest request, Caller caller, AssessmentDbContext db, SchemeBook schemes, TimeProvider time,
        HttpRequest http, HttpResponse response, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (SchemeForm.Read(request, time, errors) is not { } form)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var current = await schemes.NewestAsync(cancellationToken);
        if (ETag.Check(http, current.Version) is { } precondition)
        {
            return precondition;
        }

        var lastClosed = await db.ClosedPeriods.MaxAsync(p => (string?)p.Period, cancellationToken);
        if (lastClosed is not null && string.CompareOrdinal(form.From.ToString(), lastClosed) <= 0)
        {
            return Problems.RuleViolated("period-closed", $"{lastClosed} is closed; a new scheme can apply from the month after it.");
        }

        var scheme = new AssessmentScheme(current.Version + 1, form.From, form.Weights, form.Floors, form.DoubleSatisfaction, time.GetUtcNow(), caller.Subject);
        schemes.Save(scheme);
        if (await db.SaveOrProblemAsync(cancellationToken) is { } problem)
        {
            return problem;
        }

        ETag.Set(response, scheme.Version);
        return TypedResults.Ok(SchemeResponse.Of(scheme));
    }
}
