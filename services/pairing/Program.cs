using PartyGrid.ServiceDefaults.Persistence;
using PartyGrid.Pairing;
using PartyGrid.Pairing.Api;
using PartyGrid.ServiceDefaults.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPairingServices();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapPairingsApi();
await app.RunServiceAsync();
