using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using PartyGrid.Assessment.Projections;
using PartyGrid.Assessment.Data;
using PartyGrid.Assessment.Scoring;
using PartyGrid.Contracts;

namespace PartyGrid.Bench;

/// <summary>
/// A generated province written straight into assessment's database, as its projections and counts
/// would stand after the events: 16 counties × 15 townships × 14 villages × 14 groups (50,656
/// organisations), a service site at four in five, and 5,000,000 tickets over six months with their
/// counts worked out by assessment's own <see cref="TicketContribution"/>. Deterministic (fixed seed);
/// loaded once, found again on later runs by its codes.
/// </summary>
public static class ProvinceDataset
{
    public const int Counties = 16;
    public const int Townships = 15;
    public const int Villages = 14;
    public const int Groups = 14;
    public const int Tickets = 5_000_000;
    public const string CodePrefix = "PRV-";
    public static readonly AssessmentPeriod[] Months = [.. Enumerable.Range(6, 6).Select(m => new AssessmentPeriod(2026, m))];

    public sealed record Organisation(Guid Id, Guid? ParentId, string Path, string Code, OrganisationTier Tier);

    public sealed record Shape(IReadOnlyList<Organisation> Organisations, string Load)
    {
        public IEnumerable<Organisation> At(OrganisationTier tier) => Organisations.Where(o => o.Tier == tier);
    }

    public static async Task<Shape> EnsureAsync(string connectionString)
    {
        var organisations = Generate();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var count = new NpgsqlCommand($"SELECT count(*) FROM organisations WHERE code LIKE '{CodePrefix}%'", connection))
        {
            if ((long)(await count.ExecuteScalarAsync())! == organisations.Count)
            {
                await using var kept = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM subtree_counts WHERE organisation_id = @root)", connection);
                kept.Parameters.AddWithValue("root", organisations[0].Id);
                if ((bool)(await kept.ExecuteScalarAsync())!)
                {
                    return new Shape(organisations, "loaded by an earlier run, reused");
                }

                var summing = Stopwatch.GetTimestamp();
                await SumSubtreesAsync(connection);
                return new Shape(organisations, $"loaded by an earlier run, reused; subtree totals summed in {Stopwatch.GetElapsedTime(summing).TotalSeconds:F0} s");
            }
        }

        var started = Stopwatch.GetTimestamp();
        await CopyOrganisationsAsync(connection, organisations);
        var counts = await CopyTicketsAsync(connection, organisations);
        await CopyCountsAsync(connection, counts);
        await SumSubtreesAsync(connection);
        await using (var analyse = new NpgsqlCommand("ANALYZE", connection))
        {
            await analyse.ExecuteNonQueryAsync();
        }

        return new Shape(organisations, $"{Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s (binary COPY; {counts.Count:N0} organisation-month count rows)");
    }

    /// <summary>The rows assessment keeps per subtree, summed once over what the copies wrote (they bypass its projectors).</summary>
    private static async Task SumSubtreesAsync(NpgsqlConnection connection)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var sum = new NpgsqlCommand(SubtreeTotals.FromScratch, connection, transaction))
        {
            sum.CommandTimeout = 0;
            await sum.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    private static List<Organisation> Generate()
    {
        var list = new List<Organisation>();
        var random = new Random(50656);
        Guid NewId()
        {
            Span<byte> bytes = stackalloc byte[16];
            random.NextBytes(bytes);
            return new Guid(bytes);
        }

        Organisation Add(Organisation? parent, string code, OrganisationTier tier)
        {
            var id = NewId();
            var label = id.ToString("N");
            var organisation = new Organisation(id, parent?.Id, parent is null ? label : $"{parent.Path}.{label}", CodePrefix + code, tier);
            list.Add(organisation);
            return organisation;
        }

        for (var c = 0; c < Counties; c++)
        {
            var county = Add(null, $"C{c}", OrganisationTier.County);
            for (var t = 0; t < Townships; t++)
            {
                var township = Add(county, $"C{c}-T{t}", OrganisationTier.Township);
                for (var v = 0; v < Villages; v++)
                {
                    var village = Add(township, $"C{c}-T{t}-V{v}", OrganisationTier.Village);
                    for (var g = 0; g < Groups; g++)
                    {
                        Add(village, $"C{c}-T{t}-V{v}-G{g}", OrganisationTier.Group);
                    }
                }
            }
        }

        return list;
    }

    private static async Task CopyOrganisationsAsync(NpgsqlConnection connection, List<Organisation> organisations)
    {
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY organisations (id, parent_id, path, code, name, tier, area, kind, status, version) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var o in organisations)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(o.Id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(o.ParentId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(o.Path, NpgsqlDbType.LTree);
                await writer.WriteAsync(o.Code, NpgsqlDbType.Varchar);
                await writer.WriteAsync(o.Code, NpgsqlDbType.Varchar);
                await writer.WriteAsync(WireName.Of(o.Tier), NpgsqlDbType.Varchar);
                await writer.WriteAsync("rural", NpgsqlDbType.Varchar);
                await writer.WriteAsync(o.Tier == OrganisationTier.Group ? "group" : "committee", NpgsqlDbType.Varchar);
                await writer.WriteAsync("active", NpgsqlDbType.Varchar);
                await writer.WriteAsync(1L, NpgsqlDbType.Bigint);
            }

            await writer.CompleteAsync();
        }

        var random = new Random(5);
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY assessed_service_sites (organisation_id, tier, open, version) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var o in organisations.Where(_ => random.Next(5) > 0))
            {
                await writer.WriteRowAsync(default, o.Id, WireName.Of(o.Tier), true, 1L);
            }

            await writer.CompleteAsync();
        }
    }

    private static async Task<Dictionary<(AssessmentPeriod, Guid), Counts>> CopyTicketsAsync(NpgsqlConnection connection, List<Organisation> organisations)
    {
        var byId = organisations.ToDictionary(o => o.Id);
        var villages = organisations.Where(o => o.Tier == OrganisationTier.Village).ToArray();
        var groups = organisations.Where(o => o.Tier == OrganisationTier.Group).ToArray();
        var townships = organisations.Where(o => o.Tier == OrganisationTier.Township).ToArray();
        var counties = organisations.Where(o => o.Tier == OrganisationTier.County).ToArray();
        var counts = new Dictionary<(AssessmentPeriod, Guid), Counts>();
        var random = new Random(5_000_000);
        var china = TimeSpan.FromHours(8);

        await using var writer = await connection.BeginBinaryImportAsync(
            """
            COPY assessed_tickets (id, number, category, channel, intake_organisation_id, intake_tier, current_organisation_id, current_tier, status,
                submitted_at, accepted_at, responded_on_time, resolved_at, closed_at, response_due_at, resolution_due_at,
                resolved_organisation_id, resolved_tier, escalation_count, reopen_count, rating, supervised, version) FROM STDIN (FORMAT BINARY)
            """);
        for (var i = 0; i < Tickets; i++)
        {
            var roll = random.Next(100);
            var intake = roll < 40 ? villages[random.Next(villages.Length)]
                : roll < 65 ? groups[random.Next(groups.Length)]
                : roll < 90 ? townships[random.Next(townships.Length)]
                : counties[random.Next(counties.Length)];
            var worker = intake.Tier == OrganisationTier.Group ? byId[intake.ParentId!.Value] : intake;
            var escalated = worker.ParentId is not null && random.Next(100) < 12;
            var holder = escalated ? byId[worker.ParentId!.Value] : worker;
            var month = Months[random.Next(Months.Length)];
            var submitted = new DateTimeOffset(month.Year, month.Month, 1 + random.Next(28), 8 + random.Next(10), random.Next(60), 0, china).ToUniversalTime();
            var due = submitted.AddDays(3 + random.Next(13));
            var outcome = random.Next(100);
            var status = outcome < 5 ? TicketStatus.Cancelled : outcome < 10 ? TicketStatus.Submitted : outcome < 25 ? TicketStatus.InProgress
                : outcome < 40 ? TicketStatus.Resolved : TicketStatus.Closed;
            var resolved = status is TicketStatus.Resolved or TicketStatus.Closed;
            DateTimeOffset? resolvedAt = resolved ? submitted.AddHours(12 + random.Next(18 * 24)) : null;
            int? rating = status == TicketStatus.Closed && random.Next(100) < 80 ? random.Next(100) switch { < 3 => 3, < 25 => 4, _ => 5 } : null;
            var ticket = new AssessedTicket
            {
                Id = Guid.CreateVersion7(submitted),
                Number = $"PG-{month.Year}-{i:D7}",
                Category = (TicketCategory)(1 + random.Next(5)),
                Channel = (TicketChannel)(1 + random.Next(4)),
                IntakeOrganisationId = intake.Id,
                IntakeTier = intake.Tier,
                CurrentOrganisationId = holder.Id,
                CurrentTier = holder.Tier,
                Status = status,
                SubmittedAt = submitted,
                AcceptedAt = status == TicketStatus.Submitted ? null : submitted.AddHours(2),
                RespondedOnTime = status != TicketStatus.Submitted && random.Next(100) < (escalated ? 40 : 88),
                ResolvedAt = resolvedAt,
                ClosedAt = status == TicketStatus.Closed ? resolvedAt!.Value.AddDays(1) : null,
                ResponseDueAt = submitted.AddDays(1),
                ResolutionDueAt = due,
                ResolvedOrganisationId = resolved ? holder.Id : null,
                ResolvedTier = resolved ? holder.Tier : null,
                EscalationCount = escalated ? 1 : 0,
                ReopenCount = resolved && random.Next(100) < 3 ? 1 : 0,
                Rating = rating,
                Version = 3,
            };
            foreach (var c in TicketContribution.Of(ticket))
            {
                var key = (c.Period, c.OrganisationId);
                if (!counts.TryGetValue(key, out var row))
                {
                    counts[key] = row = new Counts();
                }

                row[c.Counter] += c.Amount;
            }

            await writer.StartRowAsync();
            await writer.WriteAsync(ticket.Id, NpgsqlDbType.Uuid);
            await writer.WriteAsync(ticket.Number, NpgsqlDbType.Varchar);
            await writer.WriteAsync(WireName.Of(ticket.Category), NpgsqlDbType.Varchar);
            await writer.WriteAsync(WireName.Of(ticket.Channel), NpgsqlDbType.Varchar);
            await writer.WriteAsync(ticket.IntakeOrganisationId, NpgsqlDbType.Uuid);
            await writer.WriteAsync(WireName.Of(ticket.IntakeTier), NpgsqlDbType.Varchar);
            await writer.WriteAsync(ticket.CurrentOrganisationId, NpgsqlDbType.Uuid);
            await writer.WriteAsync(WireName.Of(ticket.CurrentTier), NpgsqlDbType.Varchar);
            await writer.WriteAsync(WireName.Of(ticket.Status), NpgsqlDbType.Varchar);
            await writer.WriteAsync(ticket.SubmittedAt, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(ticket.AcceptedAt, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(ticket.RespondedOnTime, NpgsqlDbType.Boolean);
            await writer.WriteAsync(ticket.ResolvedAt, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(ticket.ClosedAt, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(ticket.ResponseDueAt, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(ticket.ResolutionDueAt, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(ticket.ResolvedOrganisationId, NpgsqlDbType.Uuid);
            await writer.WriteAsync(ticket.ResolvedTier is { } tier ? WireName.Of(tier) : null, NpgsqlDbType.Varchar);
            await writer.WriteAsync(ticket.EscalationCount, NpgsqlDbType.Integer);
            await writer.WriteAsync(ticket.ReopenCount, NpgsqlDbType.Integer);
            await writer.WriteAsync(ticket.Rating, NpgsqlDbType.Integer);
            await writer.WriteAsync(false, NpgsqlDbType.Boolean);
            await writer.WriteAsync(ticket.Version, NpgsqlDbType.Bigint);
        }

        await writer.CompleteAsync();
        return counts;
    }

    private static async Task CopyCountsAsync(NpgsqlConnection connection, Dictionary<(AssessmentPeriod, Guid), Counts> counts)
    {
        var columns = string.Join(", ", Counters.All.Select(c => c.Column()));
        await using var writer = await connection.BeginBinaryImportAsync($"COPY period_counts (period, organisation_id, {columns}) FROM STDIN (FORMAT BINARY)");
        foreach (var ((period, organisation), row) in counts)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(period.ToString(), NpgsqlDbType.Varchar);
            await writer.WriteAsync(organisation, NpgsqlDbType.Uuid);
            foreach (var counter in Counters.All)
            {
                await writer.WriteAsync(checked((int)row[counter]), NpgsqlDbType.Integer);
            }
        }

        await writer.CompleteAsync();
    }
}
