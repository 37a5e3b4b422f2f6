using Microsoft.AspNetCore.Http.HttpResults;
using PartyGrid.Assessment.Surveys;
using PartyGrid.ServiceDefaults.Identity;
using PartyGrid.ServiceDefaults.Persistence;
using PartyGrid.ServiceDefaults.Projections;

namespace PartyGrid.Assessment.Api;

/// <param name="Respondent">member (党员满意: a member rates their organisation) or resident (群众满意).</param>
/// <param name="RespondentMemberId">For a member: who is answering; a member of the organisation.</param>
/// <param name="TicketId">For a resident: a matter they brought (within the caller's scope), which is how they are known.</param>
/// <param name="MemberId">For a resident rating a member who served them: a member in the organisation's subtree.</param>
public sealed record SurveyRequest(
    Guid? OrgId, Respondent? Respondent, int? Score, Guid? RespondentMemberId, Guid? TicketId, Guid? MemberId, string? Comment);

public sealed record SurveyResponse(Guid Id, Guid OrgId, string Respondent, Guid? MemberId, int Score, string? Comment, DateTimeOffset AnsweredAt)
{
    public static SurveyResponse From(SurveyAnswer answer) =>
        new(answer.Id, answer.OrganisationId, WireName.Of(answer.Respondent), answer.MemberId, answer.Score, answer.Comment, answer.AnsweredAt);
}

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
        if (SurveyForm.Read(request, errors) is not { } form)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var organisation = await organisations.FindAsync(form.OrgId, cancellationToken);
        if (organisation is null || !await organisations.CanSeeAsync(caller, organisation.Path, cancellationToken))
        {
            return Problems.Field("orgId", "no such organisation");
        }

        if (await RecorderRefusalAsync(caller, organisation, organisations, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        organisation.EnsureTakesNewWork("survey answers");

        if (await UnknownPartyAsync(form, organisation, caller, db, organisations, cancellationToken) is { } unknown)
        {
            return unknown;
        }

        var answer = form.ToAnswer(organisation.Id, caller.Subject, time.GetUtcNow());
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.SurveyAnswers.Add(answer);
        if (await db.SaveOrProblemAsync(cancellationToken, _ => Problems.Conflict(
                "survey-already-answered", "This respondent has already answered about this organisation this month.")) is { } problem)
        {
            return problem;
        }

        await CountsLedger.ApplyAsync(db, [], SurveyContribution.Of(answer), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/surveys/{answer.Id}", SurveyResponse.From(answer));
    }

    private static async Task<ProblemHttpResult?> RecorderRefusalAsync(
        Caller caller, ProjectedOrganisation organisation, ProjectedScope<AssessmentDbContext> organisations, CancellationToken cancellationToken)
    {
        if (!await organisations.CanActAsync(caller, Roles.Staff, organisation.Path, cancellationToken)
            && !await organisations.CanActAsync(caller, Roles.OrgAdmin, organisation.Path, cancellationToken))
        {
            return Problems.Forbidden("Recording survey answers needs staff or org-admin over the organisation.");
        }

        // An organisation's own staff do not grade it: the answers are gathered by those above it.
        return caller.HomeOrganisationId == organisation.Id
            ? Problems.Forbidden("An organisation's own staff cannot record survey answers about it.")
            : null;
    }

    /// <summary>The 400 for a respondent, ticket or rated member the form names that is not there for this organisation and caller; null when all are.</summary>
    private static async Task<ProblemHttpResult?> UnknownPartyAsync(
        SurveyForm form, ProjectedOrganisation organisation, Caller caller, AssessmentDbContext db, ProjectedScope<AssessmentDbContext> organisations,
        CancellationToken cancellationToken)
    {
        var subtree = organisations.SubtreeIds(organisation.Path);
        if (form.RespondentMemberId is { } answering && !await db.Members.AnyAsync(m => m.Id == answering && m.OrganisationId == organisation.Id, cancellationToken))
        {
            return Problems.Field("respondentMemberId", "no such member of the organisation");
        }

        if (form.TicketId is { } ticket && !await TicketSeenAsync(caller, ticket, db, organisations, cancellationToken))
        {
            return Problems.Field("ticketId", "no such ticket");
        }

        if (form.MemberId is { } served && !await db.Members.AnyAsync(m => m.Id == served && subtree.Contains(m.OrganisationId), cancellationToken))
        {
            return Problems.Field("memberId", "no such member in the organisation");
        }

        return null;
    }

    private static async Task<bool> TicketSeenAsync(
        Caller caller, Guid ticketId, AssessmentDbContext db, ProjectedScope<AssessmentDbContext> organisations, CancellationToken cancellationToken)
    {
        var tickets = db.Tickets.Where(t => t.Id == ticketId);
        if (!caller.IsAdmin)
        {
            if (await organisations.HomePathAsync(caller, cancellationToken) is not { } home)
            {
                return false;
            }

            var visible = organisations.SubtreeIds(home);
            tickets = tickets.Where(t => visible.Contains(t.IntakeOrganisationId) || visible.Contains(t.CurrentOrganisationId));
        }

        return await tickets.AnyAsync(cancellationToken);
    }
}
