using System.Text.Json;
using Microsoft.Extensions.Options;
using PartyGrid.Notifications.Delivery;
using PartyGrid.ServiceDefaults.Messaging;

namespace PartyGrid.Notifications.Consuming;

/// <summary>
/// Turns each ticket snapshot into the events it announces (against the last state seen, so a
/// duplicate or a stale one announces nothing) and stages one delivery per subscription that wants
/// each — in the inbox's transaction, so nothing consumed is lost and nothing is staged twice.
/// Imported history announces nothing. A subscription hears of a ticket its key submitted, or one
/// taken in or held in its organisation's subtree.
/// </summary>
public sealed class TicketChangeAnnouncer(
    NotificationsDbContext db, DeliverySignal signal, IOptions<WebhookOptions> options, TimeProvider time, ILogger<TicketChangeAnnouncer> logger)
    : InboxConsumer<TicketChanged, NotificationsDbContext>(db, time, logger)
{
    protected override string ConsumerName => "webhook-announcer";

    protected override async Task HandleAsync(TicketChanged message, CancellationToken cancellationToken)
    {
        if (message.Imported)
        {
            return;
        }

        // Snapshots of one ticket are consumed concurrently; the row lock makes them take turns, so each
        // is judged against the state its predecessor left and staged deliveries follow version order.
        await Db.Database.ExecuteSqlAsync(
            $"INSERT INTO ticket_states (ticket_id, version, status, escalation_count, reopen_count, rating_count, supervised) VALUES ({message.Id}, 0, 'submitted', 0, 0, 0, false) ON CONFLICT DO NOTHING",
            cancellationToken);
        var state = await Db.Tickets.FromSql($"SELECT * FROM ticket_states WHERE ticket_id = {message.Id} FOR UPDATE").SingleAsync(cancellationToken);
        var types = state.Advance(message);
        if (types.Count == 0)
        {
            return;
        }

        var sites = new[] { message.IntakeOrganisationId, message.CurrentOrganisationId };
        var orgs = await Db.Organisations.Where(o => sites.Contains(o.Id)).Select(o => new { o.Id, o.Path, o.Name }).ToListAsync(cancellationToken);
        var above = orgs.SelectMany(o => o.Path.ToString().Split('.')).Select(label => Guid.TryParseExact(label, "N", out var id) ? id : Guid.Empty).Distinct().ToList();
        var subscriptions = await Db.Subscriptions
            .Where(s => s.Owner == message.SubmittedBy || above.Contains(s.OrganisationId))
            .ToListAsync(cancellationToken);
        var site = orgs.FirstOrDefault(o => o.Id == message.CurrentOrganisationId)?.Name;

        var now = Time.GetUtcNow();
        foreach (var type in types)
        {
            var ratingUrl = type == WebhookEventTypes.Resolved && message.RatingLink is { } token
                ? $"{options.Value.PublicUrl.TrimEnd('/')}/rate/{token}"
                : null;
            var payload = WebhookPayload.Of(type, message, site, ratingUrl);
            foreach (var subscription in subscriptions.Where(s => s.EventTypes.Contains(type)))
            {
                Db.Deliveries.Add(Domain.Delivery.Stage(Guid.CreateVersion7(now), subscription.Id, message, type, payload, now));
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
