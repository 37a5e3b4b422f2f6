using PartyGrid.AppHost;
using PartyGrid.AppHost.Backup;
using PartyGrid.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(args);
if (args is ["backup" or "restore", ..])
{
    return await BackupCommands.RunAsync(args, builder);
}

var infrastructure = InfrastructureFactory.Add(builder);
builder.AddPartyGrid(infrastructure);

builder.Build().Run();
return 0;
