using PartyGrid.ServiceDefaults.Persistence;
using PartyGrid.Members;
using PartyGrid.Members.Api;
using PartyGrid.ServiceDefaults.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddMembersServices();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapMembersApi();
await app.RunServiceAsync();
