using PartyGrid.Organisations.Data;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Persistence;

namespace PartyGrid.Organisations;

public static class OrganisationsServiceExtensions
{
    public const string ServiceName = "organisations";

    public static IHostApplicationBuilder AddOrganisationsServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<OrganisationsDbContext>($"{ServiceName}-db");
        builder.AddMessaging<OrganisationsDbContext>(ServiceName);
        builder.Services.AddScoped<Api.OrganisationAccess>();
        builder.Services.AddOpenApi();
        return builder;
    }
}
