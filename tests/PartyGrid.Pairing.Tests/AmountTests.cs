using System.Net;
using System.Net.Http.Json;
using PartyGrid.Testing;

namespace PartyGrid.Pairing.Tests;

/// <summary>Amounts beyond what numeric(14,2) holds, or with more than two decimals, are refused before they are stored.</summary>
public sealed class AmountTests(PairingService service) : IClassFixture<PairingService>
{
    private TestCounty County => service.County;

    private object Proposal(object target) => new
    {
        urbanOrgId = County.U,
        ruralOrgId = County.A,
        startsOn = "2026-01-01",
        endsOn = "2027-12-31",
        commitments = new object[]
        {
            new { kind = "funds", description = "产业发展资金", target, unit = "元", dueOn = "2027-06-30" },
            new { kind = "visit", description = "走访", target = 8, unit = "次", dueOn = "2027-12-31" },
        },
    };

    [Theory]
    [InlineData(1e12)]
    [InlineData(0.0000001)]
    [InlineData(12.345)]
    [InlineData(0)]
    public async Task A_commitment_target_out_of_range_or_too_precise_is_a_400(double target)
    {
        using var admin = service.Host.ClientAs(County.S, "org-admin");
        using var response = await admin.PostAsJsonAsync("/api/v1/pairings", Proposal((decimal)target));
        var problem = await Json.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("commitments[0].target", out _), problem.ToString());
    }

    [Fact]
    public async Task Activity_amounts_are_bounded_and_a_commitment_total_that_would_overflow_is_refused_while_the_pairing_goes_on()
    {
        using var admin = service.Host.ClientAs(County.S, "org-admin");
        var pairing = await Json.ReadAsync(await admin.PostAsJsonAsync("/api/v1/pairings", Proposal(10_000_000_000m)), HttpStatusCode.Created);
        var id = pairing.Id();
        var funds = pairing.GetProperty("commitments")[0].GetProperty("id").GetGuid();
        var visits = pairing.GetProperty("commitments")[1].GetProperty("id").GetGuid();
        await Json.ReadAsync(await service.Host.ClientAs(County.A, "org-admin").PostAsJsonAsync($"/api/v1/pairings/{id}/activate", new { }), HttpStatusCode.OK);
        using var staff = service.Host.ClientAs(County.A, "staff");

        foreach (var (field, body) in new (string, object)[]
                 {
                     ("fundsYuan", new { kind = "funds", occurredOn = "2026-04-01", participants = 1, fundsYuan = 1e12m, description = "x", commitmentId = funds }),
                     ("fundsYuan", new { kind = "funds", occurredOn = "2026-04-01", participants = 1, fundsYuan = 0.001m, description = "x", commitmentId = funds }),
                     ("amount", new { kind = "funds", occurredOn = "2026-04-01", participants = 1, amount = 1e11m, description = "x", commitmentId = funds }),
                 })
        {
            var problem = await Json.ReadAsync(await staff.PostAsJsonAsync($"/api/v1/pairings/{id}/activities", body), HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }

        // Ninety-nine activities at the largest amount fill the commitment's total; the next would overflow it.
        for (var i = 0; i < 99; i++)
        {
            await Json.ReadAsync(await staff.PostAsJsonAsync($"/api/v1/pairings/{id}/activities",
                new { kind = "funds", occurredOn = "2026-04-01", participants = 1, fundsYuan = 10_000_000_000m, description = "拨付", commitmentId = funds }), HttpStatusCode.Created);
        }

        var overflow = await Json.ReadAsync(await staff.PostAsJsonAsync($"/api/v1/pairings/{id}/activities",
            new { kind = "funds", occurredOn = "2026-04-01", participants = 1, fundsYuan = 10_000_000_000m, description = "拨付", commitmentId = funds }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("commitment-total-too-large", overflow.Text("code"));

        // The pairing still takes work on its other commitment.
        await Json.ReadAsync(await staff.PostAsJsonAsync($"/api/v1/pairings/{id}/activities",
            new { kind = "visit", occurredOn = "2026-04-02", participants = 3, description = "走访", commitmentId = visits }), HttpStatusCode.Created);
    }
}
