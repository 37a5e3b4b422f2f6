using System.Text.Json;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.Tickets.Catalogue;

namespace PartyGrid.Tickets.Open311;

/// <summary>
/// Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) as the spec writes it, not under
/// <c>/api/v1</c>: discovery, the catalogue's items as services and their attributes as service
/// definitions. These three are public, as the spec has them; <c>jurisdiction_id</c>, when given,
/// must be a county's code.
/// </summary>
public static class Open311Api
{
    public const string Root = "/open311/v2";
    public const string Specification = "http://wiki.open311.org/GeoReport_v2";

    public static void MapOpen311Api(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Root).AllowAnonymous().ExcludeFromDescription();
        api.MapGet("/discovery.{format}", Discovery);
        api.MapGet("/services.{format}", Services);
        api.MapGet("/services/{code}.{format}", Definition);
    }

    private static async Task<Open311Answer> Discovery(string format, HttpRequest request, TicketsDbContext db, CancellationToken cancellationToken)
    {
        if (!Open311Formats.IsKnown(format))
        {
            return UnknownFormat(format);
        }

        var record = await db.Catalogue.AsNoTracking().SingleAsync(cancellationToken);
        var changeset = Open311Text.Time(record.UpdatedAt);
        var endpoint = new Open311Object(
        [
            ("specification", new Open311Text(Specification)),
            ("url", new Open311Text($"{request.Scheme}://{request.Host}{Root}")),
            ("changeset", changeset),
            ("type", new Open311Text("production")),
            ("formats", new Open311List("format", [new Open311Text("text/xml"), new Open311Text("application/json")])),
        ]);
        return Open311Answer.Ok("discovery", new Open311Object(
        [
            ("changeset", changeset),
            ("contact", new Open311Text("各县（市、区）委组织部党群服务中心")),
            ("key_service", new Open311Text("api_key 由县委组织部为合作系统发放（PartyGrid 合作方密钥）")),
            ("endpoints", new Open311List("endpoint", [endpoint])),
        ]), format);
    }

    private static async Task<Open311Answer> Services(
        string format, string? jurisdiction_id, TicketsDbContext db, TicketReferenceData reference, CancellationToken cancellationToken)
    {
        if (await RefusalAsync(format, jurisdiction_id, db, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var catalogue = (await reference.CurrentAsync(cancellationToken)).Catalogue;
        var services = catalogue.Categories.SelectMany(c => c.Items.Select(i => (Open311Node)new Open311Object(
        [
            ("service_code", new Open311Text(i.Code)),
            ("service_name", new Open311Text(i.Name)),
            ("description", new Open311Text($"{c.Name}：{i.Name}")),
            ("metadata", new Open311Flag(i.Attributes.Count > 0)),
            ("type", new Open311Text("realtime")),
            ("keywords", new Open311Text(c.Name)),
            ("group", new Open311Text(c.Name)),
        ]))).ToList();
        return Open311Answer.Ok("services", new Open311List("service", services), format);
    }

    private static async Task<Open311Answer> Definition(
        string code, string format, string? jurisdiction_id, TicketsDbContext db, TicketReferenceData reference, CancellationToken cancellationToken)
    {
        if (await RefusalAsync(format, jurisdiction_id, db, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var catalogue = (await reference.CurrentAsync(cancellationToken)).Catalogue;
        if (catalogue.Categories.SelectMany(c => c.Items).FirstOrDefault(i => i.Code == code) is not { } item)
        {
            return Open311Answer.Error(StatusCodes.Status404NotFound, $"service_code {code} is not a service of this jurisdiction", format);
        }

        var attributes = item.Attributes.Select((name, i) => (Open311Node)new Open311Object(
        [
            ("variable", new Open311Flag(true)),
            ("code", new Open311Text(name)),
            ("datatype", new Open311Text(ServiceAttributes.Datatype(name))),
            ("required", new Open311Flag(true)),
            ("datatype_description", new Open311Text(null)),
            ("order", new Open311Number(i + 1)),
            ("description", new Open311Text(ServiceAttributes.Description(name))),
        ])).ToList();
        return Open311Answer.Ok("service_definition", new Open311Object(
        [
            ("service_code", new Open311Text(item.Code)),
            ("attributes", new Open311List("attribute", attributes)),
        ]), format);
    }

    /// <summary>The 400 for a format the spec does not have, or the 404 for a jurisdiction that is not a county here.</summary>
    internal static async Task<Open311Answer?> RefusalAsync(string format, string? jurisdiction, TicketsDbContext db, CancellationToken cancellationToken)
    {
        if (!Open311Formats.IsKnown(format))
        {
            return UnknownFormat(format);
        }

        var county = WireName.Of(OrganisationTier.County);
        return jurisdiction is null || await db.Organisations.AnyAsync(o => o.Code == jurisdiction && o.Tier == OrganisationTier.County, cancellationToken)
            ? null
            : Open311Answer.Error(StatusCodes.Status404NotFound, $"jurisdiction_id {jurisdiction} is not a {county} of PartyGrid", format);
    }

    private static Open311Answer UnknownFormat(string format) =>
        Open311Answer.Error(StatusCodes.Status400BadRequest, $"format {format} is not served: use xml or json", Open311Formats.Xml);
}
