using Microsoft.AspNetCore.Http.HttpResults;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Persistence;

namespace PartyGrid.Organisations.Api;

public sealed record ServiceSiteRequest(
    string? Name, string? Address, string? Phone, string? OpeningHours, string[]? Windows, string[]? StaffOnDuty, bool? Open);

public sealed record ServiceSiteResponse(
    Guid OrganisationId, string Name, string Address, string Phone, string OpeningHours,
    IReadOnlyList<string> Windows, IReadOnlyList<string> StaffOnDuty, bool Open, long Version)
{
    public static ServiceSiteResponse From(ServiceSite s) =>
        new(s.OrganisationId, s.Name, s.Address, s.Phone, s.OpeningHours, s.Windows, s.StaffOnDuty, s.Open, s.Version);
}

public sealed record TierCoverage(int Total, int WithSite, double Rate);

public sealed record CoverageResponse(Guid OrganisationId, IReadOnlyDictionary<string, TierCoverage> ByTier);

/// <summary>Service sites (服务阵地) and coverage: the share of an organisation's descendants with an open site.</summary>
public static class ServiceSiteApi
{
    private const int MaxListItems = 20;

    public static RouteGroupBuilder MapServiceSiteApi(this RouteGroupBuilder api)
    {
        api.MapPut("/{id:guid}/service-site", Put).WithSummary("Set the organisation's service site.");
        api.MapGet("/{id:guid}/service-site", Get).WithSummary("The organisation's service site.");
        api.MapGet("/{id:guid}/coverage", Coverage).WithSummary("Descendants with an open service site, per tier.");
        return api;
    }

    private static ProblemHttpResult ChangedMeanwhile =>
        Problems.Conflict("concurrent-change", "The service site changed at the same time; send the request again.");

    private static ServiceSiteDetails? Details(ServiceSiteRequest request, FieldErrors errors)
    {
        var details = new ServiceSiteDetails(
            errors.Required("name", request.Name, 200) ?? string.Empty,
            errors.Required("address", request.Address, 300) ?? string.Empty,
            errors.Required("phone", request.Phone, 40) ?? string.Empty,
            errors.Required("openingHours", request.OpeningHours, 200) ?? string.Empty,
            List(errors, "windows", request.Windows),
            List(errors, "staffOnDuty", request.StaffOnDuty),
            request.Open ?? false);
        if (request.Open is null)
        {
            errors.Add("open", "is required");
        }

        return errors.Any ? null : details;
    }

    private static async Task<Results<Ok<ServiceSiteResponse>, ValidationProblem, ProblemHttpResult>> Put(
        Guid id, ServiceSiteRequest request, Caller caller, OrganisationsDbContext db, OrganisationAccess access,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (Details(request, errors) is not { } details)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var (organisation, refusal) = await access.ForChangeAsync(caller, id, lockRow: false, cancellationToken);
        if (organisation is null)
        {
            return refusal!;
        }

        var site = await db.ServiceSites.FirstOrDefaultAsync(s => s.OrganisationId == id, cancellationToken)
            ?? db.ServiceSites.Add(ServiceSite.For(organisation)).Entity;
        var now = time.GetUtcNow();
        if (site.Set(details, now))
        {
            db.Publish(site.ToEvent(organisation), now);

            // A concurrent first PUT adds the same site: the unique index refuses it like any other race.
            if (await db.SaveOrProblemAsync(cancellationToken, _ => ChangedMeanwhile) is { } problem)
            {
                return problem;
            }
        }

        return TypedResults.Ok(ServiceSiteResponse.From(site));
    }

    private static async Task<Results<Ok<ServiceSiteResponse>, ProblemHttpResult>> Get(
        Guid id, Caller caller, OrganisationsDbContext db, OrganisationAccess access, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        var site = organisation is null ? null : await db.ServiceSites.AsNoTracking().FirstOrDefaultAsync(s => s.OrganisationId == id, cancellationToken);
        return site is null || !await access.CanSeeAsync(caller, organisation!.Path, cancellationToken)
            ? Problems.NotFound("The service site")
            : TypedResults.Ok(ServiceSiteResponse.From(site));
    }

    private static async Task<Results<Ok<CoverageResponse>, ProblemHttpResult>> Coverage(
        Guid id, Caller caller, OrganisationsDbContext db, OrganisationAccess access, CancellationToken cancellationToken)
    {
        var root = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (root is null || !await access.CanSeeAsync(caller, root.Path, cancellationToken))
        {
            return Problems.NotFound("The organisation");
        }

        var active = WireName.Of(OrganisationStatus.Active);
        var counts = await db.Database.SqlQuery<TierCount>($"""
            SELECT o.tier AS tier, count(*)::int AS total, (count(*) FILTER (WHERE s.open))::int AS with_site
            FROM organisations o LEFT JOIN service_sites s ON s.organisation_id = o.id
            WHERE o.path <@ {root.Path}::ltree AND o.id <> {id} AND o.status = {active}
            GROUP BY o.tier
            """).ToListAsync(cancellationToken);

        var byTier = Enum.GetValues<OrganisationTier>()
            .Where(t => t > root.Tier)
            .ToDictionary(
                WireName.Of,
                t => counts.FirstOrDefault(c => c.Tier == WireName.Of(t)) is { } c
                    ? new TierCoverage(c.Total, c.WithSite, c.Total == 0 ? 0 : Math.Round((double)c.WithSite / c.Total, 4))
                    : new TierCoverage(0, 0, 0));
        return TypedResults.Ok(new CoverageResponse(id, byTier));
    }

    private static List<string> List(FieldErrors errors, string field, string[]? values)
    {
        var items = (values ?? []).Select(v => v?.Trim() ?? string.Empty).ToList();
        if (items.Count > MaxListItems || items.Any(v => v.Length is 0 or > 40))
        {
            errors.Add(field, $"takes at most {MaxListItems} non-empty entries of up to 40 characters");
        }

        return items;
    }

    private sealed record TierCount(string Tier, int Total, int WithSite);
}
