using PartyGrid.Assessment.Surveys;

namespace PartyGrid.Assessment.Scoring;

/// <summary>An answer of 3–5 is satisfied; it counts in the month it was given.</summary>
public static class SurveyContribution
{
    public static IEnumerable<Contribution> Of(SurveyAnswer answer)
    {
        var period = AssessmentPeriod.Of(answer.AnsweredAt);
        var (answers, satisfied) = answer.Respondent == Respondent.Member
            ? (Counter.MemberAnswers, Counter.MemberSatisfied)
            : (Counter.ResidentAnswers, Counter.ResidentSatisfied);
        yield return new(answer.OrganisationId, period, answers);
        if (answer.Score >= 3)
        {
            yield return new(answer.OrganisationId, period, satisfied);
        }
    }
}
