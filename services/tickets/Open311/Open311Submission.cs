using System.Globalization;
using PartyGrid.Tickets.Api;
using PartyGrid.Tickets.Catalogue;

namespace PartyGrid.Tickets.Open311;

/// <summary>
/// A GeoReport v2 <c>POST requests</c> form as the intake reads it: <c>service_code</c> is the
/// catalogue item, <c>address_id</c> the code of the site where the matter lies (default: the key's
/// own organisation), <c>attribute[code]</c> the item's attributes. The intake's own checks then run,
/// and their field names are told back in the form's words.
/// </summary>
public static class Open311Submission
{
    private const int TitleLength = 40;

    /// <summary>The intake request for the form, or the spec's 400 descriptions of what is wrong.</summary>
    public static async Task<(SubmitTicketRequest? Request, IReadOnlyList<string> Errors)> ReadAsync(
        IFormCollection form, Caller caller, ServiceCatalogue catalogue, TicketsDbContext db, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var code = Text(form, "service_code");
        var category = catalogue.Categories.FirstOrDefault(c => c.Items.Any(i => i.Code == code));
        if (category is null)
        {
            errors.Add(code is null ? "service_code is required" : $"service_code {code} is not a service of this jurisdiction");
        }

        var site = caller.HomeOrganisationId;
        if (Text(form, "address_id") is { } addressId)
        {
            var found = await db.Organisations.Where(o => o.Code == addressId).Select(o => (Guid?)o.Id).SingleOrDefaultAsync(cancellationToken);
            if (found is null)
            {
                errors.Add($"address_id {addressId} is not the code of a PartyGrid site");
            }

            site = found ?? site;
        }

        var location = Location(form, errors);
        if (location is null && Text(form, "address_id") is null && errors.Count == 0)
        {
            errors.Add("a location is required: lat and long, address_string or address_id");
        }

        var description = Text(form, "description");
        var attributes = form.Keys
            .Where(k => k.StartsWith("attribute[", StringComparison.Ordinal) && k.EndsWith(']'))
            .ToDictionary(k => k["attribute[".Length..^1], k => form[k].ToString(), StringComparer.Ordinal);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var request = new SubmitTicketRequest(
            site, category!.Category, code, Title(description, category.Items.First(i => i.Code == code).Name), description,
            new RequesterRequest(Name(Text(form, "first_name"), Text(form, "last_name")), Text(form, "phone"), location, null),
            TicketChannel.Partner, TicketPriority.Normal, null, attributes, null);
        return (request, []);
    }

    /// <summary>The intake's field names as the form calls them.</summary>
    public static string FormField(string field) => field switch
    {
        "intakeOrgId" => "address_id",
        "category" or "item" => "service_code",
        "title" or "description" => "description",
        "requester.name" => "last_name",
        "requester.phone" => "phone",
        "requester.address" => "address_string",
        _ when field.StartsWith("attributes.", StringComparison.Ordinal) => $"attribute[{field["attributes.".Length..]}]",
        _ => field,
    };

    private static string? Text(IFormCollection form, string name) =>
        form.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value.ToString()) ? value.ToString().Trim() : null;

    /// <summary>The address as given, else the coordinates as text: the ticket keeps one place.</summary>
    private static string? Location(IFormCollection form, List<string> errors)
    {
        var (lat, lon) = (Text(form, "lat"), Text(form, "long"));
        if (lat is null && lon is null)
        {
            return Text(form, "address_string");
        }

        if (!Coordinate(lat, 90, out var latitude) || !Coordinate(lon, 180, out var longitude))
        {
            errors.Add("lat and long must both be given as decimal degrees (lat −90…90, long −180…180)");
            return null;
        }

        return Text(form, "address_string")
               ?? string.Create(CultureInfo.InvariantCulture, $"{latitude:0.######},{longitude:0.######}");
    }

    private static bool Coordinate(string? text, double bound, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && Math.Abs(value) <= bound;

    /// <summary>Chinese names run family name first, without a space; others as given.</summary>
    private static string? Name(string? first, string? last) => (first, last) switch
    {
        (null, null) => null,
        ({ } f, null) => f,
        (null, { } l) => l,
        ({ } f, { } l) when (f + l).Any(c => c >= '\u4e00' && c <= '\u9fff') => l + f,
        ({ } f, { } l) => $"{f} {l}",
    };

    /// <summary>Open311 has no title: the first line of the description, else the service's name.</summary>
    private static string Title(string? description, string serviceName)
    {
        var line = description?.Split('\n', 2)[0].Trim();
        return string.IsNullOrEmpty(line) ? serviceName : line.Length > TitleLength ? line[..TitleLength] + "…" : line;
    }
}
