using PartyGrid.Contracts;
using PartyGrid.Members.Data;
using PartyGrid.ServiceDefaults.Hosting;
using PartyGrid.ServiceDefaults.Projections;

namespace PartyGrid.Members;

public static class MembersServiceExtensions
{
    public const string ServiceName = "members";

    public static IHostApplicationBuilder AddMembersServices(this IHostApplicationBuilder builder) =>
        builder.AddServiceBackbone<MembersDbContext>(ServiceName, consume => consume
            .Consume<OrganisationChanged, OrganisationProjector<MembersDbContext>>());
}
