using PartyGrid.ServiceDefaults.Persistence;
using PartyGrid.Identity;
using PartyGrid.Identity.Api;
using PartyGrid.Identity.SignIn;
using PartyGrid.ServiceDefaults.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIdentityServices();

var app = builder.Build();
app.UseForwardedHeaders();
app.UseStaticFiles(new StaticFileOptions { RequestPath = "/identity/static" });
app.UseServiceDefaults();
app.UseRateLimiter();
app.UseAntiforgery();
app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapOpenIdEndpoints();
app.MapRazorPages();
app.MapDevelopmentTokens();
app.MapStaffApi();
await app.RunServiceAsync();
