using PartyGrid.Contracts;
using PartyGrid.Members.Data;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Persistence;
using PartyGrid.ServiceDefaults.Projections;

namespace PartyGrid.Members;

public static class MembersServiceExtensions
{
    public const string ServiceName = "members";

    public static IHostApplicationBuilder AddMembersServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<MembersDbContext>($"{ServiceName}-db");
        builder.AddMessaging<MembersDbContext>(ServiceName, consume => consume
            .Consume<OrganisationChanged, OrganisationProjector<MembersDbContext>>());
        builder.Services.AddOpenApi();
        return builder;
    }
}
