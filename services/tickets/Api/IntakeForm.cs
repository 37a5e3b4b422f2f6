using PartyGrid.ServiceDefaults.PersonalData;
using PartyGrid.Tickets.Catalogue;

namespace PartyGrid.Tickets.Api;

/// <summary>
/// A submission as the intake form reads it: every field checked against the request rules and the
/// catalogue (the item exists in its category, the item's required attributes are there), each error
/// under its field's name. Only a form without errors is returned.
/// </summary>
public sealed record IntakeForm(
    Guid IntakeOrgId,
    TicketCategory Category,
    ServiceItem Item,
    TicketChannel Channel,
    TicketPriority Priority,
    string Title,
    string Description,
    string RequesterName,
    string? Address,
    string Phone,
    string? ExternalRef,
    string? Resolution,
    IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>The ticket this form takes in at <paramref name="intake"/>, worked at <paramref name="handling"/>, its phone sealed under its own id.</summary>
    public Ticket Submit(
        OrganisationAt intake, OrganisationAt handling, PersonalDataProtector protector, TicketClock clock, string number, Actor actor, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7(now);
        var details = new TicketIntake(Category, Title, Description, Attributes, RequesterName, Address, Channel, Priority, ExternalRef, intake, handling);
        return Ticket.Submit(id, details, protector.Protect(PersonalField.Phone, id, Phone), Item, clock, number, actor, now);
    }

    public static IntakeForm? Read(SubmitTicketRequest request, ServiceCatalogue catalogue, FieldErrors errors)
    {
        var intakeOrgId = errors.Required("intakeOrgId", request.IntakeOrgId);
        var category = errors.Required("category", request.Category);
        var channel = errors.Required("channel", request.Channel);
        var title = errors.Required("title", request.Title, 200);
        var description = errors.Required("description", request.Description, 4000);
        var requesterName = errors.Required("requester.name", request.Requester?.Name, 100);
        var address = Optional(errors, "requester.address", request.Requester?.Address, 300);
        var externalRef = Optional(errors, "externalRef", request.ExternalRef, 100);
        var resolution = Optional(errors, "resolution", request.Resolution, 4000);
        if (!PhoneFormat.TryNormalise(request.Requester?.Phone, out var phone))
        {
            errors.Add("requester.phone", "must be a mainland mobile (11 digits) or a landline with its area code");
        }

        var item = category is { } c ? catalogue.Find(c, request.Item) : null;
        if (category is not null && item is null)
        {
            errors.Add("item", $"is not an item of {WireName.Of(category.Value)} in the catalogue");
        }

        var attributes = request.Attributes ?? [];
        CheckAttributes(attributes, item, errors);
        return errors.Any
            ? null
            : new IntakeForm(intakeOrgId!.Value, category!.Value, item!, channel!.Value, request.Priority ?? TicketPriority.Normal,
                title!, description!, requesterName!, address, phone!, externalRef, resolution, attributes);
    }

    private static string? Optional(FieldErrors errors, string field, string? value, int maxLength) =>
        string.IsNullOrWhiteSpace(value) ? null : errors.Required(field, value, maxLength);

    private static void CheckAttributes(Dictionary<string, string> attributes, ServiceItem? item, FieldErrors errors)
    {
        if (attributes.Count > TicketIntake.MaxAttributes)
        {
            errors.Add("attributes", $"at most {TicketIntake.MaxAttributes}");
        }

        foreach (var (name, value) in attributes.Take(TicketIntake.MaxAttributes + 1))
        {
            if (name.Length is 0 or > 50 || (value?.Length ?? 0) > 500)
            {
                errors.Add($"attributes.{name[..Math.Min(name.Length, 50)]}", "names are 1–50 characters, values at most 500");
            }
        }

        foreach (var required in item?.Attributes ?? [])
        {
            if (!attributes.TryGetValue(required, out var value) || string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"attributes.{required}", "is required for this item");
            }
        }
    }
}
