using Microsoft.Extensions.Options;
using PartyGrid.ServiceDefaults.Hosting;
using PartyGrid.ServiceDefaults.PersonalData;
using PartyGrid.ServiceDefaults.Projections;
using PartyGrid.Tickets.Api;
using PartyGrid.Tickets.Catalogue;
using PartyGrid.Tickets.Jobs;

using PartyGrid.ServiceDefaults.Snapshots;

namespace PartyGrid.Tickets;

public static class TicketsServiceExtensions
{
    public const string ServiceName = "tickets";

    public static IHostApplicationBuilder AddTicketsServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceBackbone<TicketsDbContext>(ServiceName, consume => consume
            .Consume<OrganisationChanged, OrganisationProjector<TicketsDbContext>>()
            .Consume<MemberChanged, MemberProjector<TicketsDbContext>>()
            .Consume<ServiceTeamChanged, ServiceTeamProjector<TicketsDbContext>>()
            .Consume<SnapshotsRequested, SnapshotsRequestedConsumer<TicketsDbContext>>());
        builder.AddSnapshotSources(SnapshotSource.ById((TicketsDbContext db) => db.Tickets, (t, _) => t.ToEvent()));
        builder.AddPersonalData<TicketsDbContext>(new ProtectedTable("tickets", [new(PersonalField.Phone, "requester_phone_cipher", "requester_phone_lookup")]));
        builder.Services.AddOptions<TicketOptions>().BindConfiguration(TicketOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TicketOptions>, TicketOptionsValidator>();
        builder.Services.AddHostedService<TicketDefaultsSeeder>();
        builder.Services.AddSingleton<TicketReferenceData>();
        builder.Services.AddSingleton<TicketMetrics>();
        builder.Services.AddSingleton<TicketNumbers>();
        builder.Services.AddProjectedScope<TicketsDbContext>();
        builder.Services.AddScoped<TicketAccess>();
        builder.Services.AddScoped<TicketChanges>();
        builder.Services.AddSingleton<TicketClockJob>();
        builder.Services.AddHostedService(services => services.GetRequiredService<TicketClockJob>());
        return builder;
    }
}
