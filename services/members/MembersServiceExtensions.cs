using PartyGrid.Contracts;
using PartyGrid.Members.Api;
using PartyGrid.Members.Data;
using PartyGrid.Members.Jobs;
using PartyGrid.Members.Messaging;
using PartyGrid.ServiceDefaults.Hosting;
using PartyGrid.ServiceDefaults.PersonalData;
using PartyGrid.ServiceDefaults.Projections;

using PartyGrid.ServiceDefaults.Snapshots;

namespace PartyGrid.Members;

public static class MembersServiceExtensions
{
    public const string ServiceName = "members";

    public static IHostApplicationBuilder AddMembersServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceBackbone<MembersDbContext>(ServiceName, consume => consume
            .Consume<OrganisationChanged, OrganisationChangedConsumer>()
            .Consume<SnapshotsRequested, SnapshotsRequestedConsumer<MembersDbContext>>());
        builder.AddSnapshotSources(SnapshotSource.ById((MembersDbContext db) => db.Members, (m, _) => m.ToEvent()));
        builder.AddPersonalData();
        builder.Services.AddScoped<ProjectedScope<MembersDbContext>>();
        builder.Services.AddScoped<MemberAccess>();
        builder.Services.AddScoped<MemberChanges>();
        builder.Services.AddSingleton<TransferExpiryJob>();
        builder.Services.AddHostedService(services => services.GetRequiredService<TransferExpiryJob>());
        return builder;
    }
}
