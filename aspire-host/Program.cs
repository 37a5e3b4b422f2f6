using PartyGrid.AppHost;
using PartyGrid.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(args);

var infrastructure = InfrastructureFactory.Add(builder);
builder.AddPartyGrid(infrastructure);

builder.Build().Run();
