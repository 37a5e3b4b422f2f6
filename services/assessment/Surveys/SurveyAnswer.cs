namespace PartyGrid.Assessment.Surveys;

public enum Respondent
{
    Member = 1,
    Resident = 2,
}

/// <summary>
/// One satisfaction answer (1–5) about an organisation: members rate their own organisation (党员满意),
/// residents — known by a matter they brought — rate organisations and, optionally, a member who
/// served them (群众满意). One answer per respondent, organisation and month (<see cref="Key"/>).
/// Assessment owns these; they are not rebuilt from other services.
/// </summary>
public sealed class SurveyAnswer
{
    public Guid Id { get; init; }

    public Guid OrganisationId { get; init; }

    public Respondent Respondent { get; init; }

    /// <summary>For a resident: the member who served them, if they rate one.</summary>
    public Guid? MemberId { get; init; }

    /// <summary>Who answered: <c>member:{id}</c>, or <c>ticket:{id}</c> for the resident who brought that matter.</summary>
    public required string RespondentKey { get; init; }

    /// <summary>The China-time month the answer counts in, <c>yyyy-MM</c>.</summary>
    public required string Period { get; init; }

    public int Score { get; init; }

    public string? Comment { get; init; }

    public DateTimeOffset AnsweredAt { get; init; }

    public required string RecordedBy { get; init; }
}

/// <summary>How a respondent is told apart, so that each answers once a month for an organisation.</summary>
public static class Key
{
    public static string OfMember(Guid memberId) => $"member:{memberId}";

    public static string OfResident(Guid ticketId) => $"ticket:{ticketId}";
}
