using Microsoft.AspNetCore.Http.HttpResults;
using PartyGrid.Assessment.Data;
using PartyGrid.Assessment.Scoring;
using PartyGrid.Assessment.Surveys;
using PartyGrid.ServiceDefaults.Identity;
using PartyGrid.ServiceDefaults.Problems;
using PartyGrid.ServiceDefaults.Projections;

namespace PartyGrid.Assessment.Api;

/// <param name="Respondent">member (党员满意: a member rates their organisation) or resident (群众满意).</param>
/// <param name="MemberId">For a resident rating a member who served them.</param>
public sealed record SurveyRequest(string? OrgId, string? Respondent, int? Score, string? MemberId, string? Comment);

public sealed record SurveyResponse(Guid Id, Guid OrgId, string Respondent, Guid? MemberId, int Score, string? Comment, DateTimeOffset AnsweredAt);

public static class SurveysApi
{
    public static void MapSurveysApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/surveys").WithTags("Surveys");
        api.MapPost("/", Answer).WithSummary("Record one satisfaction answer (1–5) about an organisation, by its staff or org-admin; it counts in this month's scorecard.");
    }

    private static async Task<Results<Created<SurveyResponse>, ValidationProblem, ProblemHttpResult>> Answer(
        SurveyRequest request, Caller caller, AssessmentDbContext db, ProjectedScope<AssessmentDbContext> organisations, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var orgId = errors.Id("orgId", request.OrgId, required: true);
        var respondent = errors.Enum<Respondent>("respondent", request.Respondent);
        var memberId = errors.Id("memberId", request.MemberId);
        if (request.Score is not (>= 1 and <= 5))
        {
            errors.Add("score", "is required, 1 to 5");
        }

        if (request.Comment is { Length: > 500 })
        {
            errors.Add("comment", "at most 500 characters");
        }

        if (memberId is not null && respondent == Respondent.Member)
        {
            errors.Add("memberId", "only a resident rates a member");
        }

        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var organisation = await organisations.FindAsync(orgId!.Value, cancellationToken);
        if (organisation is null || !await organisations.CanSeeAsync(caller, organisation.Path, cancellationToken))
        {
            return Problems.Field("orgId", "no such organisation");
        }

        if (!await organisations.CanActAsync(caller, Roles.Staff, organisation.Path, cancellationToken)
            && !await organisations.CanActAsync(caller, Roles.OrgAdmin, organisation.Path, cancellationToken))
        {
            return Problems.Forbidden("Recording survey answers needs staff or org-admin over the organisation.");
        }

        if (ProjectedScope<AssessmentDbContext>.RefusalForNewWork(organisation) is { } refusal)
        {
            return Problems.RuleViolated("organisation-dissolved", refusal);
        }

        var now = time.GetUtcNow();
        var answer = new SurveyAnswer
        {
            Id = Guid.CreateVersion7(now),
            OrganisationId = organisation.Id,
            Respondent = respondent!.Value,
            MemberId = memberId,
            Score = request.Score!.Value,
            Comment = request.Comment,
            AnsweredAt = now,
            RecordedBy = caller.Subject,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.SurveyAnswers.Add(answer);
        await db.SaveChangesAsync(cancellationToken);
        await CountsLedger.ApplyAsync(db, [], SurveyContribution.Of(answer), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created(
            $"/api/v1/surveys/{answer.Id}",
            new SurveyResponse(answer.Id, answer.OrganisationId, request.Respondent!, answer.MemberId, answer.Score, answer.Comment, answer.AnsweredAt));
    }
}
