using Npgsql;
using PartyGrid.Contracts;
using PartyGrid.Testing;
using static PartyGrid.Assessment.Tests.Snapshots;
using static PartyGrid.Testing.TicketSnapshots;

namespace PartyGrid.Assessment.Tests;

/// <summary>
/// Ticket snapshots are projected in batches whose counts are folded before they are written: a burst
/// counts each ticket once in its newest state, and a wrong snapshot does not take its batch with it.
/// </summary>
[Collection(AssessmentServiceCollection.Name)]
public sealed class BatchProjectionTests(AssessmentService service)
{
    private const string ErrorQueue = "assessment.ticket-changed_error";

    private static readonly DateTimeOffset March = new(2023, 3, 6, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task A_burst_of_snapshots_in_any_order_counts_each_ticket_once_in_its_newest_state()
    {
        var county = new TestCounty();
        await service.PublishAndWaitAsync([.. county.Changes()]);

        // 80 tickets of village A, each as submitted (v1) and as resolved and rated (v2); half of them
        // arrive newest first, and ten snapshots come twice under the same message id.
        var snapshots = new List<(TicketChanged Message, Guid MessageId)>();
        for (var i = 0; i < 80; i++)
        {
            var id = Guid.NewGuid();
            var submitted = Ticket(county.A, OrganisationTier.Village, March.AddMinutes(i), March.AddDays(10), id: id);
            var resolved = Ticket(county.A, OrganisationTier.Village, March.AddMinutes(i), March.AddDays(10), id: id,
                status: TicketStatus.Closed, respondedOnTime: true, resolvedAt: March.AddDays(2), rating: i % 2 == 0 ? 5 : 2, version: 2);
            var pair = new[] { (submitted, Guid.NewGuid()), (resolved, Guid.NewGuid()) };
            snapshots.AddRange(i % 2 == 0 ? pair : pair.Reverse());
        }

        snapshots.AddRange(snapshots.Take(10).ToList());
        await Task.WhenAll(snapshots.Select(s => service.PublishAsync(s.Message, s.MessageId)));
        await service.ConsumedAsync([.. snapshots.Select(s => s.MessageId).Distinct()]);

        var own = await service.ScorecardAsync(county.A, "2023-03", "own");
        ScorecardTests.AssertCounts(own, ("submitted", 80), ("respondedOnTime", 80), ("resolved", 80), ("rated", 80),
            ("satisfiedRatings", 40), ("unsatisfiedRatings", 40), ("ratingSum", 40 * 5 + 40 * 2));
        var subtree = await service.ScorecardAsync(county.C, "2023-03");
        ScorecardTests.AssertCounts(subtree, ("submitted", 80), ("resolved", 80), ("ratingSum", 280));
        Assert.Equal(80, await service.ScalarAsync<long>(
            "SELECT count(*) FROM assessed_tickets WHERE intake_organisation_id = @id AND version = 2", county.A));

        // Taken in far fewer transactions than snapshots: the inbox rows of one batch share its transaction id (xmin).
        var messages = snapshots.Select(s => s.MessageId).Distinct().ToArray();
        await using var connection = new NpgsqlConnection(service.Host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(DISTINCT xmin::text) FROM inbox_messages WHERE message_id = ANY(@ids)", connection);
        command.Parameters.AddWithValue("ids", messages);
        var transactions = (long)(await command.ExecuteScalarAsync())!;
        Assert.True(transactions * 2 <= messages.Length, $"{messages.Length} snapshots in {transactions} transactions");
    }

    [Fact]
    public async Task A_wrong_snapshot_ends_in_the_error_queue_and_the_rest_of_its_batch_is_counted()
    {
        var county = new TestCounty();
        await service.PublishAndWaitAsync([.. county.Changes()]);

        // A ticket number longer than the column: the database refuses that snapshot and only that one.
        var wrongId = Guid.NewGuid();
        var wrong = Ticket(county.B, OrganisationTier.Village, March, March.AddDays(10)) with { Number = new string('9', 40) };
        var good = Enumerable.Range(0, 30).Select(i => (Message: Ticket(county.B, OrganisationTier.Village, March.AddHours(i), March.AddDays(10)), MessageId: Guid.NewGuid())).ToList();
        await Task.WhenAll(good.Take(15).Select(g => service.PublishAsync(g.Message, g.MessageId))
            .Append(service.PublishAsync(wrong, wrongId))
            .Concat(good.Skip(15).Select(g => service.PublishAsync(g.Message, g.MessageId))));

        await service.ConsumedAsync([.. good.Select(g => g.MessageId)]);
        var fault = await Eventually.Until(() => BrokerQueues.FindAsync(ErrorQueue, wrongId), f => f is not null, TimeSpan.FromSeconds(60), $"{wrongId} in {ErrorQueue}");
        Assert.NotNull(fault);
        Assert.Equal(30, (await service.ScorecardAsync(county.B, "2023-03", "own")).GetProperty("counts").GetProperty("submitted").GetInt64());
        Assert.Equal(0, await service.ScalarAsync<long>("SELECT count(*) FROM inbox_messages WHERE message_id = @id", wrongId));
        Assert.Equal(0, await service.ScalarAsync<long>("SELECT count(*) FROM assessed_tickets WHERE id = @id", wrong.Id));
    }
}
