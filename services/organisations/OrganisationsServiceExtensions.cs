using PartyGrid.Organisations.Api;
using PartyGrid.ServiceDefaults.Hosting;

using PartyGrid.ServiceDefaults.Snapshots;

namespace PartyGrid.Organisations;

public static class OrganisationsServiceExtensions
{
    public const string ServiceName = "organisations";

    public static IHostApplicationBuilder AddOrganisationsServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceBackbone<OrganisationsDbContext>(ServiceName, consume => consume
            .Consume<SnapshotsRequested, SnapshotsRequestedConsumer<OrganisationsDbContext>>());
        builder.AddSnapshotSources(
            SnapshotSource.ById((OrganisationsDbContext db) => db.Organisations, (o, _) => o.ToEvent()),
            new SnapshotSource<OrganisationsDbContext, SiteOfOrganisation, ServiceSiteChanged>(
                (db, after, count) => db.ServiceSites.AsNoTracking()
                    .Where(s => after == null || s.OrganisationId.CompareTo(after.Value) > 0)
                    .OrderBy(s => s.OrganisationId).Take(count)
                    .Join(db.Organisations.AsNoTracking(), s => s.OrganisationId, o => o.Id, (s, o) => new SiteOfOrganisation(s, o)),
                row => row.Site.OrganisationId,
                (row, _) => row.Site.ToEvent(row.Organisation)));
        builder.Services.AddScoped<OrganisationAccess>();
        builder.Services.AddSingleton<Jobs.TermReminderJob>();
        builder.Services.AddHostedService(services => services.GetRequiredService<Jobs.TermReminderJob>());
        return builder;
    }

    private sealed record SiteOfOrganisation(ServiceSite Site, Organisation Organisation);
}
