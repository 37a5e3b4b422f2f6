using PartyGrid.ServiceDefaults.Persistence;
using PartyGrid.Notifications;
using PartyGrid.Notifications.Api;
using PartyGrid.ServiceDefaults.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddNotificationsServices();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapWebhooksApi();
await app.RunServiceAsync();
