using PartyGrid.Contracts;
using PartyGrid.Pairing.Api;
using PartyGrid.Pairing.Data;
using PartyGrid.ServiceDefaults.Hosting;
using PartyGrid.ServiceDefaults.Projections;

namespace PartyGrid.Pairing;

public static class PairingServiceExtensions
{
    public const string ServiceName = "pairing";

    public static IHostApplicationBuilder AddPairingServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceBackbone<PairingDbContext>(ServiceName, consume => consume
            .Consume<OrganisationChanged, OrganisationProjector<PairingDbContext>>());
        builder.Services.AddScoped<ProjectedScope<PairingDbContext>>();
        builder.Services.AddScoped<PairingAccess>();
        return builder;
    }
}
