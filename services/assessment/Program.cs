using PartyGrid.ServiceDefaults.Persistence;
using PartyGrid.Assessment;
using PartyGrid.Assessment.Api;
using PartyGrid.ServiceDefaults.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddAssessmentServices();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapAssessmentsApi();
await app.RunServiceAsync();
