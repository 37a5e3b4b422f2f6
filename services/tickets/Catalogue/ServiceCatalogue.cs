namespace PartyGrid.Tickets.Catalogue;

/// <summary>
/// The service catalogue (like Open311 service definitions): per category the service items, what
/// each requires at intake, the tier that normally settles it, and its deadlines. Every category
/// has an <c>{category}-other</c> item for matters no item names.
/// </summary>
public sealed record ServiceCatalogue(IReadOnlyList<CatalogueCategory> Categories)
{
    public ServiceItem? Find(TicketCategory category, string? itemCode)
    {
        var items = Categories.FirstOrDefault(c => c.Category == category)?.Items ?? [];
        return items.FirstOrDefault(i => i.Code == (itemCode ?? OtherItem(category)));
    }

    public static string OtherItem(TicketCategory category) => $"{WireName.Of(category)}-other";

    /// <summary>Problems with an edited catalogue, by field; empty when it can be used.</summary>
    public FieldErrors Check()
    {
        var errors = new FieldErrors();

        // Edited documents arrive from JSON: anything may be missing, so nothing here assumes it is not.
        if (Categories is null || Categories.Any(c => c?.Items is null || c.Items.Any(i => i?.Deadlines is null || i.Attributes is null)))
        {
            return errors.Add("categories", "every category needs items, and every item deadlines and attributes");
        }

        foreach (var category in Enum.GetValues<TicketCategory>())
        {
            var entry = Categories.FirstOrDefault(c => c.Category == category);
            if (entry is null)
            {
                errors.Add("categories", $"{WireName.Of(category)} is missing");
            }
            else if (entry.Items.All(i => i.Code != OtherItem(category)))
            {
                errors.Add("categories", $"{WireName.Of(category)} needs the item {OtherItem(category)}");
            }
        }

        var codes = Categories.SelectMany(c => c.Items).Select(i => i.Code).ToList();
        if (codes.Count != codes.Distinct(StringComparer.Ordinal).Count())
        {
            errors.Add("items", "item codes must be unique");
        }

        foreach (var item in Categories.SelectMany(c => c.Items))
        {
            if (string.IsNullOrWhiteSpace(item.Code) || string.IsNullOrWhiteSpace(item.Name))
            {
                errors.Add("items", "every item needs a code and a name");
            }

            if (!item.Deadlines.AreValid)
            {
                errors.Add($"items.{item.Code}.deadlines", "deadlines are whole days (1 to 60) and hours (1 to 240), response not after resolution");
            }
        }

        return errors;
    }
}

public sealed record CatalogueCategory(TicketCategory Category, string Name, IReadOnlyList<ServiceItem> Items);

/// <param name="Attributes">What intake must record for this item, beyond the ticket's own fields.</param>
public sealed record ServiceItem(string Code, string Name, OrganisationTier HomeTier, IReadOnlyList<string> Attributes, TicketDeadlines Deadlines);

/// <summary>
/// Response (签收) in working days; resolution per tier in working days, restarting at each tier an
/// escalation reaches; urgent tickets count plain hours instead.
/// </summary>
/// <param name="RectificationDays">Working days to rectify (整改) after a bad rating (1–2); 15 unless the item says otherwise.</param>
public sealed record TicketDeadlines(
    int ResponseDays, int VillageDays, int TownshipDays, int CountyDays, int UrgentResponseHours, int UrgentResolutionHours, int RectificationDays = 15)
{
    public const int DefaultRectificationDays = 15;

    public bool AreValid =>
        ResponseDays is >= 1 and <= 60 && new[] { VillageDays, TownshipDays, CountyDays }.All(d => d is >= 1 and <= 60 && d >= ResponseDays)
        && UrgentResponseHours is >= 1 and <= 240 && UrgentResolutionHours is >= 1 and <= 240 && UrgentResponseHours <= UrgentResolutionHours
        && RectificationDays is >= 1 and <= 60;

    /// <summary>Resolution days at a tier; a group point's tickets are worked by its village.</summary>
    public int ResolutionDays(OrganisationTier tier) => tier switch
    {
        OrganisationTier.County => CountyDays,
        OrganisationTier.Township => TownshipDays,
        _ => VillageDays,
    };
}
