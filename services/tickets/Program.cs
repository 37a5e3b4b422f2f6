using PartyGrid.ServiceDefaults.Persistence;
using PartyGrid.Tickets;
using PartyGrid.ServiceDefaults.Hosting;
using PartyGrid.Tickets.Api;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddTicketsServices();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapTicketsApi();
await app.RunServiceAsync();
