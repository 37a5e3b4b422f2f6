using Npgsql;

namespace PartyGrid.Bench;

/// <summary>
/// How long a ticket change takes to count on the scorecards: from the change's commit in tickets (its
/// outbox row, written in the same transaction) to assessment's commit of the counts (its inbox row,
/// written in the same transaction as the counts the scorecard reads). Both stamps come from the same
/// machine's clock.
/// </summary>
public static class ChangeToScorecard
{
    public sealed record Result(int Events, double P50, double P99, double Max);

    /// <summary>
    /// Waits until assessment has taken every ticket change staged since <paramref name="since"/>, so that
    /// a measurement starts from a steady state rather than behind a backlog; returns how long that took.
    /// </summary>
    public static async Task<TimeSpan> CaughtUpAsync(string ticketsDb, string assessmentDb, DateTimeOffset since, TimeSpan within)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var ids = (await ChangesSinceAsync(ticketsDb, since)).Keys.ToArray();
        await using var assessment = new NpgsqlConnection(assessmentDb);
        await assessment.OpenAsync();
        await using var taken = new NpgsqlCommand("SELECT count(*) FROM inbox_messages WHERE message_id = ANY(@ids)", assessment);
        taken.Parameters.AddWithValue("ids", ids);
        while ((long)(await taken.ExecuteScalarAsync())! < ids.Length)
        {
            if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > within)
            {
                throw new TimeoutException($"Assessment had not taken the {ids.Length:N0} ticket changes within {within}.");
            }

            await Task.Delay(250);
        }

        return System.Diagnostics.Stopwatch.GetElapsedTime(started);
    }

    private static async Task<Dictionary<Guid, DateTimeOffset>> ChangesSinceAsync(string ticketsDb, DateTimeOffset since)
    {
        var changes = new Dictionary<Guid, DateTimeOffset>();
        await using var tickets = new NpgsqlConnection(ticketsDb);
        await tickets.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT id, created_at FROM outbox_messages WHERE event_name = @event AND created_at >= @since", tickets);
        command.Parameters.AddWithValue("since", since);
        command.Parameters.AddWithValue("event", PartyGrid.Contracts.TicketChanged.EventName);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            changes[reader.GetGuid(0)] = reader.GetFieldValue<DateTimeOffset>(1);
        }

        return changes;
    }

    public static async Task<Result> MeasureAsync(string ticketsDb, string assessmentDb, DateTimeOffset since, TimeSpan within)
    {
        var changes = await ChangesSinceAsync(ticketsDb, since);
        var ids = changes.Keys.ToArray();
        var deadline = DateTime.UtcNow + within;
        await using var assessment = new NpgsqlConnection(assessmentDb);
        await assessment.OpenAsync();
        while (true)
        {
            var counted = new List<double>(ids.Length);
            await using (var command = new NpgsqlCommand("SELECT message_id, received_at FROM inbox_messages WHERE message_id = ANY(@ids)", assessment))
            {
                command.Parameters.AddWithValue("ids", ids);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    counted.Add((reader.GetFieldValue<DateTimeOffset>(1) - changes[reader.GetGuid(0)]).TotalMilliseconds);
                }
            }

            if (counted.Count == ids.Length || DateTime.UtcNow > deadline)
            {
                var sorted = counted.Order().ToArray();
                return counted.Count == ids.Length
                    ? new Result(ids.Length, Percentiles.Of(sorted, 0.50), Percentiles.Of(sorted, 0.99), sorted.LastOrDefault())
                    : throw new TimeoutException($"Only {counted.Count} of {ids.Length} ticket changes reached assessment within {within}.");
            }

            await Task.Delay(500);
        }
    }
}
