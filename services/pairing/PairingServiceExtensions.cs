using PartyGrid.Pairing.Api;
using PartyGrid.ServiceDefaults.Hosting;
using PartyGrid.ServiceDefaults.Projections;

using PartyGrid.ServiceDefaults.Snapshots;

namespace PartyGrid.Pairing;

public static class PairingServiceExtensions
{
    public const string ServiceName = "pairing";

    public static IHostApplicationBuilder AddPairingServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceBackbone<PairingDbContext>(ServiceName, consume => consume
            .Consume<OrganisationChanged, OrganisationProjector<PairingDbContext>>()
            .Consume<MemberChanged, MemberProjector<PairingDbContext>>()
            .Consume<SnapshotsRequested, SnapshotsRequestedConsumer<PairingDbContext>>());
        builder.AddSnapshotSources(SnapshotSource.ById((PairingDbContext db) => db.Pairings, (p, time) => p.ToEvent(ChinaTime.Today(time))));
        builder.Services.AddProjectedScope<PairingDbContext>();
        builder.Services.AddScoped<PairingAccess>();
        return builder;
    }
}
