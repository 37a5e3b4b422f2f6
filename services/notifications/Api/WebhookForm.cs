using PartyGrid.Notifications.Delivery;

namespace PartyGrid.Notifications.Api;

/// <summary>A subscription's target as the API reads it, each error under its field.</summary>
public static class WebhookForm
{
    public static WebhookTarget? Read(WebhookRequest request, TargetGuard guard, FieldErrors errors)
    {
        if (guard.Refusal(request.Url) is { } refusal)
        {
            errors.Add("url", refusal);
        }

        var types = request.EventTypes ?? [];
        if (types.Count == 0)
        {
            errors.Add("eventTypes", $"name at least one of: {string.Join(", ", WebhookEventTypes.All)}");
        }

        foreach (var unknown in types.Where(t => !WebhookEventTypes.All.Contains(t)).Distinct())
        {
            errors.Add("eventTypes", $"{unknown} is not one of: {string.Join(", ", WebhookEventTypes.All)}");
        }

        var description = string.IsNullOrWhiteSpace(request.Description) ? null : errors.Required("description", request.Description, 200);
        return errors.Any ? null : new WebhookTarget(request.Url!, [.. types.Distinct()], description);
    }
}
