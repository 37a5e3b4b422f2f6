using System.Globalization;
using PartyGrid.ServiceDefaults.Import;
using PartyGrid.ServiceDefaults.Projections;
using PartyGrid.Tickets.Catalogue;

namespace PartyGrid.Tickets.Import;

/// <summary>
/// A register (台账) of finished tickets as an import reads it: one row per matter, its organisation by
/// code, its category and item from the catalogue, and its original times. Every row is checked on its
/// own and against the others before anything is written; the plan holds either tickets or errors.
/// </summary>
public sealed class TicketRegister(ServiceCatalogue catalogue, IReadOnlyDictionary<string, ProjectedOrganisation> byCode,
    IReadOnlyDictionary<Guid, ProjectedOrganisation> byId, IReadOnlySet<string> imported, DateTimeOffset now)
{
    public static readonly string[] Columns =
    [
        "externalRef", "intakeOrgCode", "category", "item", "title", "description", "channel", "priority", "requesterName",
        "submittedAt", "acceptedAt", "escalatedAt", "resolvedAt", "resolution", "rating", "ratedAt", "rectifiedAt", "reRating", "reRatedAt",
    ];

    public static readonly string[] Required = ["externalRef", "intakeOrgCode", "category", "item", "title", "submittedAt", "resolvedAt"];

    public sealed record Plan(List<(string ExternalRef, HistoricTicket Ticket)> Tickets, int AlreadyImported, List<ImportError> Errors);

    /// <summary>A register over the organisations the records name (with the sites above them) and the references imported already.</summary>
    public static async Task<TicketRegister> ForAsync(
        TicketsDbContext db, IReadOnlyList<ImportRecord> records, ServiceCatalogue catalogue, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var codes = records.Select(r => r["intakeOrgCode"]).OfType<string>().Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => codes.Contains(o.Code)).ToListAsync(cancellationToken);
        var byId = organisations.ToDictionary(o => o.Id);
        for (var missing = Parents(organisations, byId); missing.Count > 0; missing = Parents(organisations, byId))
        {
            var above = await db.Organisations.AsNoTracking().Where(o => missing.Contains(o.Id)).ToListAsync(cancellationToken);
            if (above.Count == 0)
            {
                break;
            }

            organisations.AddRange(above);
            above.ForEach(o => byId[o.Id] = o);
        }

        var references = records.Select(r => r["externalRef"]).OfType<string>().Distinct().ToList();
        var imported = await db.Tickets.AsNoTracking().IgnoreAutoIncludes()
            .Where(t => t.SubmittedBy == Domain.Ticket.Importer.Subject && references.Contains(t.ExternalRef!))
            .Select(t => t.ExternalRef!).ToListAsync(cancellationToken);
        // Organisations keeps codes unique; should the projection ever hold a code twice, neither is guessed at.
        var byCode = organisations.DistinctBy(o => o.Id).GroupBy(o => o.Code, StringComparer.Ordinal).Where(g => g.Count() == 1)
            .ToDictionary(g => g.Key, g => g.Single(), StringComparer.Ordinal);
        return new TicketRegister(catalogue, byCode, byId,
            imported.ToHashSet(StringComparer.Ordinal), now);
    }

    private static List<Guid> Parents(List<ProjectedOrganisation> organisations, Dictionary<Guid, ProjectedOrganisation> byId) =>
        [.. organisations.Select(o => o.ParentId).OfType<Guid>().Where(id => !byId.ContainsKey(id)).Distinct()];

    public Plan Read(IReadOnlyList<ImportRecord> records)
    {
        var tickets = new List<(string, HistoricTicket)>();
        var errors = new List<ImportError>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var already = 0;
        foreach (var record in records)
        {
            var fields = new FieldErrors();
            var externalRef = fields.Required("externalRef", record["externalRef"], 100);
            if (externalRef is not null && !seen.TryAdd(externalRef, record.Row))
            {
                fields.Add("externalRef", $"'{externalRef}' appears twice in the file (first in row {seen[externalRef]})");
            }

            var ticket = Ticket(record, fields);
            errors.AddRange(fields.ToDictionary().SelectMany(f => f.Value.Select(m => new ImportError(record.Row, f.Key, m))));
            if (fields.Any || externalRef is null || ticket is null)
            {
                continue;
            }

            if (imported.Contains(externalRef))
            {
                already++;
                continue;
            }

            tickets.Add((externalRef, ticket));
        }

        return new Plan(tickets, already, errors);
    }

    private HistoricTicket? Ticket(ImportRecord record, FieldErrors fields)
    {
        var intake = Organisation(record["intakeOrgCode"], fields);
        var category = fields.Enum<TicketCategory>("category", record["category"]);
        var item = category is { } c && record["item"] is { } code ? catalogue.Find(c, code) : null;
        if (category is not null && item is null)
        {
            fields.Add("item", $"is not an item of {record["category"]} in the catalogue");
        }

        var title = fields.Required("title", record["title"], 200);
        var description = record["description"] is { Length: > 4000 } ? null : record["description"] ?? title;
        if (description is null)
        {
            fields.Add("description", "at most 4000 characters");
        }

        var channel = record["channel"] is null ? TicketChannel.WalkIn : fields.Enum<TicketChannel>("channel", record["channel"]);
        var priority = record["priority"] is null ? TicketPriority.Normal : fields.Enum<TicketPriority>("priority", record["priority"]);
        var requester = record["requesterName"] ?? "历史台账";
        if (requester.Length > 100)
        {
            fields.Add("requesterName", "at most 100 characters");
        }

        var times = new Timeline(record, fields, now);
        var submitted = times.Required("submittedAt");
        var accepted = times.Optional("acceptedAt");
        var escalated = times.Several("escalatedAt");
        var resolved = times.Required("resolvedAt");
        var rating = Score(record, "rating", "ratedAt", times, fields);
        var rectified = times.Optional("rectifiedAt");
        var reRating = Score(record, "reRating", "reRatedAt", times, fields);
        if (rectified is not null && rating is not { Score: <= 2 })
        {
            fields.Add("rectifiedAt", "applies only after a rating of 1 or 2");
        }

        if (reRating is not null && rectified is null)
        {
            fields.Add("reRating", "needs rectifiedAt: a matter is rated again after its rectification");
        }

        times.InOrder([
            ("submittedAt", submitted), ("acceptedAt", accepted), .. escalated.Select(e => ("escalatedAt", (DateTimeOffset?)e)),
            ("resolvedAt", resolved), ("ratedAt", rating?.At), ("rectifiedAt", rectified), ("reRatedAt", reRating?.At)]);
        List<ProjectedOrganisation> sites = intake is null ? [] : Sites(intake, escalated.Count, fields);
        if (fields.Any)
        {
            return null;
        }

        var handling = sites[0];
        return new HistoricTicket(
            new TicketIntake(category!.Value, title!, description!, new Dictionary<string, string>(), requester, null, channel!.Value, priority!.Value,
                record["externalRef"], At(intake!), At(handling)),
            item!, submitted!.Value, accepted, [.. escalated.Select((at, i) => (at, At(sites[i + 1])))], resolved!.Value,
            record["resolution"] ?? "历史台账导入", rating, rectified, reRating);
    }

    private ProjectedOrganisation? Organisation(string? code, FieldErrors fields)
    {
        if (fields.Required("intakeOrgCode", code, 64) is not { } given)
        {
            return null;
        }

        if (!byCode.TryGetValue(given, out var organisation) || !organisation.TakesNewWork)
        {
            fields.Add("intakeOrgCode", $"'{given}' is no active organisation");
            return null;
        }

        return organisation;
    }

    /// <summary>The site that worked the matter first (a group's village) and the sites it was escalated to, one tier up each time.</summary>
    private List<ProjectedOrganisation> Sites(ProjectedOrganisation intake, int escalations, FieldErrors fields)
    {
        var site = intake.Tier == OrganisationTier.Group && intake.ParentId is { } village && byId.TryGetValue(village, out var parent) ? parent : intake;
        var sites = new List<ProjectedOrganisation> { site };
        for (var i = 0; i < escalations; i++)
        {
            if (sites[^1].ParentId is not { } up || !byId.TryGetValue(up, out var above))
            {
                fields.Add("escalatedAt", $"{escalations} escalation(s) from {intake.Code} go above the county");
                break;
            }

            sites.Add(above);
        }

        return sites;
    }

    private static (int Score, DateTimeOffset At)? Score(ImportRecord record, string field, string atField, Timeline times, FieldErrors fields)
    {
        var at = times.Optional(atField);
        if (record[field] is not { } text)
        {
            if (at is not null)
            {
                fields.Add(field, $"is required with {atField}");
            }

            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var score) || score is < 1 or > 5)
        {
            fields.Add(field, "must be a whole number from 1 to 5");
            return null;
        }

        if (at is null)
        {
            fields.Add(atField, $"is required with {field}");
            return null;
        }

        return (score, at.Value);
    }

    private static OrganisationAt At(ProjectedOrganisation organisation) => new(organisation.Id, organisation.Tier);

    /// <summary>The row's times: China time unless they say otherwise, none in the future, each after the one before.</summary>
    private sealed class Timeline(ImportRecord record, FieldErrors fields, DateTimeOffset now)
    {
        private static readonly string[] Formats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-dd", "yyyy/M/d H:mm", "yyyy/M/d"];

        public DateTimeOffset? Required(string field)
        {
            if (record[field] is null)
            {
                fields.Add(field, "is required");
                return null;
            }

            return Optional(field);
        }

        public DateTimeOffset? Optional(string field) => record[field] is { } text ? Parse(field, text) : null;

        /// <summary>Several times in one cell, separated by <c>;</c>.</summary>
        public List<DateTimeOffset> Several(string field) =>
            [.. (record[field] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(t => Parse(field, t)).OfType<DateTimeOffset>()];

        public void InOrder(IReadOnlyList<(string Field, DateTimeOffset? At)> times)
        {
            DateTimeOffset? before = null;
            string? previous = null;
            foreach (var (field, at) in times)
            {
                if (at is not { } value)
                {
                    continue;
                }

                if (before is { } earlier && value < earlier)
                {
                    fields.Add(field, $"is before {previous}");
                }

                (before, previous) = (value, field);
            }
        }

        private DateTimeOffset? Parse(string field, string text)
        {
            DateTimeOffset? at = null;
            if (DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                at = new DateTimeOffset(local, TimeSpan.FromHours(8));
            }
            else if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact) && HasOffset(text))
            {
                at = exact;
            }

            if (at is null)
            {
                fields.Add(field, $"'{text}' is not a time such as 2026-05-08 14:30");
                return null;
            }

            if (at > now)
            {
                fields.Add(field, "is in the future");
                return null;
            }

            return at.Value.ToUniversalTime();
        }

        private static bool HasOffset(string text) => text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 10;
    }
}
