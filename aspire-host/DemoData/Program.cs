using PartyGrid.DemoData;
using PartyGrid.ServiceDefaults.Hosting;

// Loads the demo county through the gateway and exits: 0 when it is all there, 1 otherwise.
var builder = Host.CreateApplicationBuilder(args);
builder.AddClientDefaults();
builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
builder.Services.AddHttpClient<DemoApi>(http =>
{
    http.BaseAddress = new Uri("http://gateway");
    http.Timeout = TimeSpan.FromMinutes(2);
});
builder.Services.AddTransient<DemoCountyLoader>();
builder.Services.AddTransient<DemoAccounts>();

// The tree import carries the whole county in one request; on a busy two-core machine it can take
// longer than the standard 10 s a try. Retrying is safe: every create carries an Idempotency-Key.
builder.Services.ConfigureAll<Microsoft.Extensions.Http.Resilience.HttpStandardResilienceOptions>(o =>
{
    o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(60);
    o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(120);
    o.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(3);
});

using var host = builder.Build();
await host.StartAsync();
using var stopping = CancellationTokenSource.CreateLinkedTokenSource(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
try
{
    await host.Services.GetRequiredService<DemoCountyLoader>().LoadAsync(stopping.Token);
    await host.Services.GetRequiredService<DemoAccounts>().CreateAsync(stopping.Token);
    return 0;
}
catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or TimeoutException or TaskCanceledException)
{
    host.Services.GetRequiredService<ILogger<DemoCountyLoader>>().LogError(ex, "The demo county was not loaded completely; running the load again continues where it stopped");
    return 1;
}
finally
{
    await host.StopAsync();
}
