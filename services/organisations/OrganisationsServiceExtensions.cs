using PartyGrid.Organisations.Api;
using PartyGrid.Organisations.Data;
using PartyGrid.ServiceDefaults.Hosting;

namespace PartyGrid.Organisations;

public static class OrganisationsServiceExtensions
{
    public const string ServiceName = "organisations";

    public static IHostApplicationBuilder AddOrganisationsServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceBackbone<OrganisationsDbContext>(ServiceName);
        builder.Services.AddScoped<OrganisationAccess>();
        builder.Services.AddHostedService<Jobs.TermReminderJob>();
        return builder;
    }
}
