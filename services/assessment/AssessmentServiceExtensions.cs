using PartyGrid.Assessment.Projections;
using PartyGrid.ServiceDefaults.Hosting;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Projections;

namespace PartyGrid.Assessment;

public static class AssessmentServiceExtensions
{
    public const string ServiceName = "assessment";

    public static IHostApplicationBuilder AddAssessmentServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceBackbone<AssessmentDbContext>(ServiceName, consume => consume
            .Consume<OrganisationChanged, TreeProjector>()
            .ConsumeBatches<TicketChanged, TicketProjector>(BatchShape.Snapshots)
            .Consume<MemberChanged, MemberProjector>()
            .ConsumeBatches<PairingChanged, PairingProjector>(BatchShape.Snapshots)
            .Consume<ServiceSiteChanged, ServiceSiteProjector>());
        builder.Services.AddProjectedScope<AssessmentDbContext>();
        builder.Services.AddScoped<SchemeBook>();
        builder.Services.AddScoped<Scorecards>();
        builder.Services.AddScoped<CountedTickets>();
        return builder;
    }
}
