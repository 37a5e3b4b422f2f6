using PartyGrid.ServiceDefaults.Persistence;
using PartyGrid.Gateway;
using PartyGrid.ServiceDefaults.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGatewayServices();

var app = builder.Build();
app.UseGateway();
app.MapGateway();
await app.RunServiceAsync();
