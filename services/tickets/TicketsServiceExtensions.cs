using PartyGrid.Contracts;
using PartyGrid.Tickets.Data;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Persistence;
using PartyGrid.ServiceDefaults.Projections;

namespace PartyGrid.Tickets;

public static class TicketsServiceExtensions
{
    public const string ServiceName = "tickets";

    public static IHostApplicationBuilder AddTicketsServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<TicketsDbContext>($"{ServiceName}-db");
        builder.AddMessaging<TicketsDbContext>(ServiceName, consume => consume
            .Consume<OrganisationChanged, OrganisationProjector<TicketsDbContext>>());
        builder.Services.AddOpenApi();
        return builder;
    }
}
