using System.Text.Json;
using Microsoft.Extensions.Options;
using PartyGrid.Notifications.Delivery;
using PartyGrid.ServiceDefaults.Messaging;

namespace PartyGrid.Notifications.Consuming;

/// <summary>
/// Turns ticket snapshots into the events they announce (against the last state seen, so a duplicate
/// or a stale one announces nothing) and stages one delivery per subscription that wants each — in
/// the inbox's transaction, so nothing consumed is lost and nothing is staged twice. Snapshots come in
/// batches: the batch's ticket states, sites and subscriptions are read once, not once per snapshot.
/// Imported history announces nothing. A subscription hears of a ticket its key submitted, or one
/// taken in or held in its organisation's subtree.
/// </summary>
public sealed class TicketChangeAnnouncer(
    NotificationsDbContext db, DeliverySignal signal, IOptions<WebhookOptions> options, TimeProvider time, ILogger<TicketChangeAnnouncer> logger)
    : InboxBatchConsumer<TicketChanged, NotificationsDbContext>(db, time, logger)
{
    protected override string ConsumerName => "webhook-announcer";

    protected override async Task HandleAsync(IReadOnlyList<TicketChanged> messages, CancellationToken cancellationToken)
    {
        var live = messages.Where(m => !m.Imported).ToList();
        if (live.Count == 0)
        {
            return;
        }

        // Concurrent batches (and replicas) may hold snapshots of the same ticket: the row locks make
        // them take turns, taken in id order so that two batches never wait on each other in a circle.
        var ids = live.Select(m => m.Id).Distinct().Order().ToArray();
        await Db.Database.ExecuteSqlAsync(
            $"INSERT INTO ticket_states (ticket_id, version, status, escalation_count, reopen_count, rating_count, supervised) SELECT id, 0, 'submitted', 0, 0, 0, false FROM unnest({ids}) AS id ORDER BY id ON CONFLICT DO NOTHING",
            cancellationToken);
        var states = await Db.Tickets.FromSql($"SELECT * FROM ticket_states WHERE ticket_id = ANY({ids}) ORDER BY ticket_id FOR UPDATE")
            .ToDictionaryAsync(s => s.TicketId, cancellationToken);

        // Each ticket's snapshots in version order, each judged against the state its predecessor left,
        // so the deliveries staged follow version order whatever order the broker brought them in.
        var announced = live.OrderBy(m => m.Version)
            .Select(m => (Ticket: m, Types: states[m.Id].Advance(m)))
            .Where(a => a.Types.Count > 0)
            .ToList();
        if (announced.Count == 0)
        {
            return;
        }

        var sites = announced.SelectMany(a => new[] { a.Ticket.IntakeOrganisationId, a.Ticket.CurrentOrganisationId }).Distinct().ToArray();
        var orgs = await Db.Organisations.Where(o => sites.Contains(o.Id)).Select(o => new { o.Id, o.Path, o.Name }).ToDictionaryAsync(o => o.Id, cancellationToken);
        HashSet<Guid> Above(IEnumerable<Guid> ids) => ids
            .SelectMany(id => orgs.TryGetValue(id, out var org) ? org.Path.ToString().Split('.') : [])
            .Select(label => Guid.TryParseExact(label, "N", out var id) ? id : Guid.Empty)
            .ToHashSet();
        var above = Above(sites).ToArray();
        var submitters = announced.Select(a => a.Ticket.SubmittedBy).OfType<string>().Distinct().ToList();
        var subscriptions = await Db.Subscriptions
            .Where(s => submitters.Contains(s.Owner) || above.Contains(s.OrganisationId))
            .ToListAsync(cancellationToken);

        // EF inserts a table's rows in key order and the database numbers them in insert order, which
        // the dispatcher sends by: the ids ascend in the order the events are staged (a millisecond apart).
        var now = Time.GetUtcNow();
        var staged = 0;
        foreach (var (ticket, types) in announced)
        {
            var lineage = Above([ticket.IntakeOrganisationId, ticket.CurrentOrganisationId]);
            var hearing = subscriptions.Where(s => s.Owner == ticket.SubmittedBy || lineage.Contains(s.OrganisationId)).ToList();
            var site = orgs.GetValueOrDefault(ticket.CurrentOrganisationId)?.Name;
            foreach (var type in types)
            {
                var ratingUrl = type == WebhookEventTypes.Resolved && ticket.RatingLink is { } token
                    ? $"{options.Value.PublicUrl.TrimEnd('/')}/rate/{token}"
                    : null;
                var payload = WebhookPayload.Of(type, ticket, site, ratingUrl);
                foreach (var subscription in hearing.Where(s => s.EventTypes.Contains(type)))
                {
                    Db.Deliveries.Add(Domain.Delivery.Stage(Guid.CreateVersion7(now.AddMilliseconds(staged++)), subscription.Id, ticket, type, payload, now));
                }
            }
        }

        signal.Notify();
    }
}

/// <summary>The body of a delivery, <c>{type, timestamp, data}</c>: the ticket without any personal data.</summary>
public static class WebhookPayload
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="ratingUrl">In <c>ticket.resolved</c>: the requester's single-use rating link, for the channel to text them.</param>
    public static string Of(string type, TicketChanged ticket, string? siteName, string? ratingUrl) => JsonSerializer.Serialize(new
    {
        type,
        timestamp = ticket.ChangedAt ?? ticket.SubmittedAt,
        data = new
        {
            id = ticket.Id,
            number = ticket.Number,
            externalRef = ticket.ExternalRef,
            status = WireName.Of(ticket.Status),
            organisationId = ticket.CurrentOrganisationId,
            organisationName = siteName,
            tier = WireName.Of(ticket.CurrentTier),
            category = WireName.Of(ticket.Category),
            item = ticket.Item,
            submittedAt = ticket.SubmittedAt,
            acceptedAt = ticket.AcceptedAt,
            resolvedAt = ticket.ResolvedAt,
            closedAt = ticket.ClosedAt,
            resolutionDueAt = ticket.ResolutionDueAt,
            resolution = ticket.Resolution,
            rating = ticket.Rating,
            escalationCount = ticket.EscalationCount,
            reopenCount = ticket.ReopenCount,
            supervised = ticket.Supervised,
            version = ticket.Version,
            ratingUrl,
        },
    }, Json);
}
