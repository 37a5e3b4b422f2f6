using PartyGrid.Contracts;
using PartyGrid.Tickets.Data;
using PartyGrid.ServiceDefaults.Hosting;
using PartyGrid.ServiceDefaults.Projections;

namespace PartyGrid.Tickets;

public static class TicketsServiceExtensions
{
    public const string ServiceName = "tickets";

    public static IHostApplicationBuilder AddTicketsServices(this IHostApplicationBuilder builder) =>
        builder.AddServiceBackbone<TicketsDbContext>(ServiceName, consume => consume
            .Consume<OrganisationChanged, OrganisationProjector<TicketsDbContext>>());
}
