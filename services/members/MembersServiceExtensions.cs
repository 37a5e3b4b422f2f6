using PartyGrid.Members.Api;
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
        builder.AddSnapshotSources(
            SnapshotSource.ById((MembersDbContext db) => db.Members, (m, _) => m.ToEvent()),
            SnapshotSource.ById((MembersDbContext db) => db.ServiceTeams, (t, _) => t.ToEvent()));
        builder.AddPersonalData<MembersDbContext>(new ProtectedTable("members",
        [
            new(PersonalField.IdNumber, "id_number_cipher", "id_number_lookup"),
            new(PersonalField.Phone, "phone_cipher", "phone_lookup"),
        ]));
        builder.Services.AddProjectedScope<MembersDbContext>();
        builder.Services.AddScoped<MemberAccess>();
        builder.Services.AddScoped<MemberChanges>();
        builder.Services.AddSingleton<TransferExpiryJob>();
        builder.Services.AddHostedService(services => services.GetRequiredService<TransferExpiryJob>());
        return builder;
    }
}
