using PartyGrid.Contracts;
using PartyGrid.Assessment.Data;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Persistence;
using PartyGrid.ServiceDefaults.Projections;

namespace PartyGrid.Assessment;

public static class AssessmentServiceExtensions
{
    public const string ServiceName = "assessment";

    public static IHostApplicationBuilder AddAssessmentServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<AssessmentDbContext>($"{ServiceName}-db");
        builder.AddMessaging<AssessmentDbContext>(ServiceName, consume => consume
            .Consume<OrganisationChanged, OrganisationProjector<AssessmentDbContext>>());
        builder.Services.AddOpenApi();
        return builder;
    }
}
