using PartyGrid.ServiceDefaults.Persistence;
using PartyGrid.Organisations;
using PartyGrid.Organisations.Api;
using PartyGrid.ServiceDefaults.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddOrganisationsServices();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapOrganisationsApi();
await app.RunServiceAsync();
