namespace PartyGrid.Assessment.Surveys;

public enum Respondent
{
    Member = 1,
    Resident = 2,
}

/// <summary>
/// One satisfaction answer (1–5) about an organisation: members rate their own organisation (党员满意),
/// residents rate organisations and, optionally, a member who served them (群众满意). Assessment owns
/// these; they are not rebuilt from other services.
/// </summary>
public sealed class SurveyAnswer
{
    public Guid Id { get; init; }

    public Guid OrganisationId { get; init; }

    public Respondent Respondent { get; init; }

    public Guid? MemberId { get; init; }

    public int Score { get; init; }

    public string? Comment { get; init; }

    public DateTimeOffset AnsweredAt { get; init; }

    public required string RecordedBy { get; init; }
}
