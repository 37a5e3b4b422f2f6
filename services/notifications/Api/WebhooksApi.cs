using Microsoft.AspNetCore.Http.HttpResults;
using PartyGrid.Notifications.Delivery;

namespace PartyGrid.Notifications.Api;

/// <summary>
/// A partner key's webhook subscriptions. Each belongs to the key that created it: another key, or
/// staff, never sees it (404, 403). Managing subscriptions is a write (<c>tickets:write</c>); since
/// deliveries tell of tickets, a key subscribes only if it may read them (<c>tickets:read</c>). The
/// signing secret is answered once, on creation and rotation.
/// </summary>
public static class WebhooksApi
{
    public const int MostDeliveries = 100;

    public static void MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/webhooks").WithTags("Webhooks").AllowPartners("tickets")
            .AddEndpointFilter(async (context, next) => Caller.From(context.HttpContext.User) is { IsPartner: true }
                ? await next(context)
                : Problems.Forbidden("Webhook subscriptions belong to partner API keys; call with the key that is to receive them."));
        api.MapPost("/", Create).WithSummary("Subscribe a URL to ticket events; the answer carries the signing secret, once.");
        api.MapGet("/", List).WithSummary("This key's subscriptions.");
        api.MapGet("/{id:guid}", Get).WithSummary("One subscription.");
        api.MapPut("/{id:guid}", Update).WithSummary("Change the URL, event types or description.");
        api.MapPost("/{id:guid}/pause", Pause).WithSummary("Stop sending; deliveries wait until resumed.");
        api.MapPost("/{id:guid}/resume", Resume).WithSummary("Send again, the waiting deliveries first (also after a 410 or three days of failures).");
        api.MapPost("/{id:guid}/rotate-secret", Rotate).WithSummary("A new signing secret; the previous one signs too for 24 hours.");
        api.MapDelete("/{id:guid}", Delete).WithSummary("Unsubscribe; waiting deliveries are dropped.");
        api.MapGet("/{id:guid}/deliveries", Deliveries).WithSummary("The latest deliveries with their attempts, status codes, durations and next try.");
        api.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/redeliver", Redeliver).WithSummary("Send a delivery again now, whatever became of it.");
    }

    private static async Task<Results<Created<WebhookResponse>, ValidationProblem, ProblemHttpResult>> Create(
        WebhookRequest request, Caller caller, HttpContext http, NotificationsDbContext db, TargetGuard guard, WebhookSecrets secrets, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (!http.User.HasClaim(PartyGridClaims.Scope, PartnerScopes.TicketsRead))
        {
            return Problems.Forbidden($"Deliveries tell of tickets: subscribing needs a key that may read them ({PartnerScopes.TicketsRead}).");
        }

        var errors = new FieldErrors();
        if (WebhookForm.Read(request, guard, errors) is not { } target)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var secret = SigningSecret.Create();
        var subscription = Subscription.Create(id, caller.Subject, caller.HomeOrganisationId, target, secrets.Seal(id, secret), now);
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/webhooks/{id}", WebhookResponse.From(subscription, now, secret));
    }

    private static async Task<Ok<List<WebhookResponse>>> List(Caller caller, NotificationsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var owned = await db.Subscriptions.AsNoTracking().Where(s => s.Owner == caller.Subject).OrderBy(s => s.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(owned.Select(s => WebhookResponse.From(s, now)).ToList());
    }

    private static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> Get(
        Guid id, Caller caller, NotificationsDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        await OwnedAsync(db, id, caller, cancellationToken) is { } s ? TypedResults.Ok(WebhookResponse.From(s, time.GetUtcNow())) : Problems.NotFound("The webhook");

    private static async Task<Results<Ok<WebhookResponse>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, WebhookRequest request, Caller caller, NotificationsDbContext db, TargetGuard guard, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await OwnedAsync(db, id, caller, cancellationToken) is not { } subscription)
        {
            return Problems.NotFound("The webhook");
        }

        var errors = new FieldErrors();
        if (WebhookForm.Read(request, guard, errors) is not { } target)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var now = time.GetUtcNow();
        subscription.Change(target, now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(WebhookResponse.From(subscription, now));
    }

    private static Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> Pause(
        Guid id, Caller caller, NotificationsDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        ChangeAsync(db, id, caller, time, (s, now) => s.Pause("由订阅方暂停", now), cancellationToken);

    private static Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> Resume(
        Guid id, Caller caller, NotificationsDbContext db, DeliverySignal signal, TimeProvider time, CancellationToken cancellationToken)
    {
        signal.Notify();
        return ChangeAsync(db, id, caller, time, (s, now) => s.Resume(now), cancellationToken);
    }

    private static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> Rotate(
        Guid id, Caller caller, NotificationsDbContext db, WebhookSecrets secrets, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await OwnedAsync(db, id, caller, cancellationToken) is not { } subscription)
        {
            return Problems.NotFound("The webhook");
        }

        var now = time.GetUtcNow();
        var secret = SigningSecret.Create();
        subscription.Rotate(secrets.Seal(id, secret), now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(WebhookResponse.From(subscription, now, secret));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, Caller caller, NotificationsDbContext db, CancellationToken cancellationToken)
    {
        if (await OwnedAsync(db, id, caller, cancellationToken) is null)
        {
            return Problems.NotFound("The webhook");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.RemoveAsync(db.Subscriptions.Where(s => s.Id == id), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<List<DeliveryResponse>>, ValidationProblem, ProblemHttpResult>> Deliveries(
        Guid id, string? status, Caller caller, NotificationsDbContext db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var wanted = errors.Enum<DeliveryStatus>("status", status, required: false);
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        if (await OwnedAsync(db, id, caller, cancellationToken) is null)
        {
            return Problems.NotFound("The webhook");
        }

        var rows = db.Deliveries.AsNoTracking().Include(d => d.AttemptLog).Where(d => d.SubscriptionId == id);
        if (wanted is { } w)
        {
            rows = rows.Where(d => d.Status == w);
        }

        var latest = await rows.OrderByDescending(d => d.Sequence).Take(MostDeliveries).ToListAsync(cancellationToken);
        return TypedResults.Ok(latest.Select(DeliveryResponse.From).ToList());
    }

    private static async Task<Results<Accepted<DeliveryResponse>, ProblemHttpResult>> Redeliver(
        Guid id, Guid deliveryId, Caller caller, NotificationsDbContext db, DeliverySignal signal, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await OwnedAsync(db, id, caller, cancellationToken) is null
            || await db.Deliveries.SingleOrDefaultAsync(d => d.Id == deliveryId && d.SubscriptionId == id, cancellationToken) is not { } delivery)
        {
            return Problems.NotFound("The delivery");
        }

        delivery.Redeliver(time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return TypedResults.Accepted($"/api/v1/webhooks/{id}/deliveries", DeliveryResponse.From(delivery));
    }

    private static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> ChangeAsync(
        NotificationsDbContext db, Guid id, Caller caller, TimeProvider time, Action<Subscription, DateTimeOffset> change, CancellationToken cancellationToken)
    {
        if (await OwnedAsync(db, id, caller, cancellationToken) is not { } subscription)
        {
            return Problems.NotFound("The webhook");
        }

        var now = time.GetUtcNow();
        change(subscription, now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(WebhookResponse.From(subscription, now));
    }

    /// <summary>Scope is checked on the stored record: a subscription exists for its owning key alone.</summary>
    private static Task<Subscription?> OwnedAsync(NotificationsDbContext db, Guid id, Caller caller, CancellationToken cancellationToken) =>
        db.Subscriptions.SingleOrDefaultAsync(s => s.Id == id && s.Owner == caller.Subject, cancellationToken);
}
