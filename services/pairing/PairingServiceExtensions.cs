using PartyGrid.Contracts;
using PartyGrid.Pairing.Data;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Persistence;
using PartyGrid.ServiceDefaults.Projections;

namespace PartyGrid.Pairing;

public static class PairingServiceExtensions
{
    public const string ServiceName = "pairing";

    public static IHostApplicationBuilder AddPairingServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<PairingDbContext>($"{ServiceName}-db");
        builder.AddMessaging<PairingDbContext>(ServiceName, consume => consume
            .Consume<OrganisationChanged, OrganisationProjector<PairingDbContext>>());
        builder.Services.AddOpenApi();
        return builder;
    }
}
