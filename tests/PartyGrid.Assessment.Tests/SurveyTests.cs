using System.Net;
using System.Net.Http.Json;
using PartyGrid.Contracts;
using PartyGrid.Testing;
using static PartyGrid.Assessment.Tests.Snapshots;
using static PartyGrid.Testing.TicketSnapshots;

namespace PartyGrid.Assessment.Tests;

/// <summary>Survey answers come from real respondents, once a month each, and never from the organisation graded.</summary>
[Collection(AssessmentServiceCollection.Name)]
public sealed class SurveyTests(AssessmentService service)
{
    [Fact]
    public async Task Each_respondent_answers_once_a_month_about_an_organisation_and_its_own_staff_cannot_answer_for_it()
    {
        var county = new TestCounty();
        await service.PublishAndWaitAsync([.. county.Changes()]);
        var member = Guid.NewGuid();
        var elsewhere = Guid.NewGuid();
        var ticket = Guid.NewGuid();
        await service.PublishAndWaitAsync(
            Member(county.A, member),
            Member(county.D, elsewhere),
            Ticket(county.A, OrganisationTier.Village, new DateTimeOffset(2020, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)), new DateTimeOffset(2020, 3, 12, 9, 0, 0, TimeSpan.FromHours(8)), id: ticket));
        var township = service.Host.ClientAs(county.T1, "staff");
        Task<HttpResponseMessage> AnswerAsync(HttpClient client, object body) => client.PostAsJsonAsync("/api/v1/surveys", body);

        var own = await AnswerAsync(service.Host.ClientAs(county.A, "staff"), new { orgId = county.A, respondent = "member", respondentMemberId = member, score = 5 });
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        var unknown = await AnswerAsync(township, new { orgId = county.A, respondent = "member", respondentMemberId = Guid.NewGuid(), score = 5 });
        Assert.True((await Json.ReadAsync(unknown, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("respondentMemberId", out _));
        var notTheirs = await AnswerAsync(township, new { orgId = county.A, respondent = "member", respondentMemberId = elsewhere, score = 5 });
        Assert.Equal(HttpStatusCode.BadRequest, notTheirs.StatusCode);
        var anonymous = await AnswerAsync(township, new { orgId = county.A, respondent = "resident", score = 5 });
        Assert.True((await Json.ReadAsync(anonymous, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("ticketId", out _));
        var servedByStranger = await AnswerAsync(township, new { orgId = county.A, respondent = "resident", ticketId = ticket, memberId = elsewhere, score = 5 });
        Assert.True((await Json.ReadAsync(servedByStranger, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("memberId", out _));

        await Json.ReadAsync(await AnswerAsync(township, new { orgId = county.A, respondent = "member", respondentMemberId = member, score = 5 }), HttpStatusCode.Created);
        await Json.ReadAsync(await AnswerAsync(township, new { orgId = county.A, respondent = "resident", ticketId = ticket, memberId = member, score = 4 }), HttpStatusCode.Created);
        foreach (var again in new object[]
        {
            new { orgId = county.A, respondent = "member", respondentMemberId = member, score = 1 },
            new { orgId = county.A, respondent = "resident", ticketId = ticket, score = 1 },
        })
        {
            Assert.Equal("survey-already-answered", (await Json.ReadAsync(await AnswerAsync(township, again), HttpStatusCode.Conflict)).Text("code"));
        }

        Assert.Equal(2, await service.ScalarAsync<long>("SELECT count(*) FROM survey_answers WHERE organisation_id = @id", county.A));
    }
}
