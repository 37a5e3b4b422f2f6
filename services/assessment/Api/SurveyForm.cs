using PartyGrid.Assessment.Surveys;

namespace PartyGrid.Assessment.Api;

/// <summary>
/// A survey answer as the form reads it: a member answers about their organisation (known by their
/// member id), a resident about the organisation that served them (known by their ticket, perhaps
/// rating a member); each error under its field's name. Only a form without errors is returned.
/// </summary>
public sealed record SurveyForm(
    Guid OrgId, Respondent Respondent, int Score, Guid? RespondentMemberId, Guid? TicketId, Guid? MemberId, string? Comment)
{
    public static SurveyForm? Read(SurveyRequest request, FieldErrors errors)
    {
        var orgId = errors.Required("orgId", request.OrgId);
        var respondent = errors.Required("respondent", request.Respondent);
        var memberId = request.MemberId;
        var respondentMemberId = errors.Required("respondentMemberId", request.RespondentMemberId, when: respondent == Respondent.Member);
        var ticketId = errors.Required("ticketId", request.TicketId, when: respondent == Respondent.Resident);
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

        if (respondentMemberId is not null && respondent == Respondent.Resident)
        {
            errors.Add("respondentMemberId", "a resident is known by their ticket");
        }

        if (ticketId is not null && respondent == Respondent.Member)
        {
            errors.Add("ticketId", "a member is known by their member id");
        }

        return errors.Any
            ? null
            : new SurveyForm(orgId!.Value, respondent!.Value, request.Score!.Value, respondentMemberId, request.TicketId, memberId, request.Comment);
    }

    public SurveyAnswer ToAnswer(Guid organisationId, string recordedBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        OrganisationId = organisationId,
        Respondent = Respondent,
        MemberId = MemberId,
        Score = Score,
        Comment = Comment,
        AnsweredAt = now,
        RecordedBy = recordedBy,
        RespondentKey = RespondentMemberId is { } m ? Key.OfMember(m) : Key.OfResident(TicketId!.Value),
        Period = AssessmentPeriod.Of(now).ToString(),
    };
}
