using System.Net.Http.Headers;
using System.Security.Cryptography;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace PartyGrid.Testing;

/// <summary>
/// One service, hosted in the test process against a database of its own on the real test
/// PostgreSQL and the real test RabbitMQ, with the clock under the test's control. Callers are
/// authenticated with genuine tokens signed by the test keys it is told to trust (<see cref="TestTokens"/>).
/// </summary>
public sealed class ServiceHost<TEntryPoint>(string serviceName, string connectionString, Uri rabbitMq, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    public FakeTimeProvider Time { get; } = new(TestClock.Start);

    /// <summary>What the service logs, at the levels its own configuration lets through.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>
    /// Starts the service; <paramref name="settings"/> are configuration it gets beside the test's own,
    /// <paramref name="broker"/> a RabbitMQ of its own instead of the one the tests share.
    /// </summary>
    public static async Task<ServiceHost<TEntryPoint>> StartAsync(string serviceName, IReadOnlyDictionary<string, string>? settings = null, Uri? broker = null) =>
        await StartOnAsync(serviceName, await TestServers.CreateDatabaseAsync(serviceName.Replace('-', '_')), settings, broker);

    /// <summary>Starts the service on a database an earlier host used (a restart, a key rotation).</summary>
    public static async Task<ServiceHost<TEntryPoint>> StartOnAsync(
        string serviceName, string database, IReadOnlyDictionary<string, string>? settings = null, Uri? broker = null)
    {
        var host = new ServiceHost<TEntryPoint>(serviceName, database, broker ?? await TestServers.RabbitMqAsync(), settings);
        await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
        return host;
    }

    public string ConnectionString => connectionString;

    /// <summary>A client calling as a staff member of <paramref name="homeOrganisationId"/> with these roles.</summary>
    public HttpClient ClientAs(Guid homeOrganisationId, params string[] roles) =>
        ClientFor($"test-{string.Join('-', roles)}", homeOrganisationId, roles);

    /// <summary>A client calling as the named subject (a staff account or a partner system).</summary>
    public HttpClient ClientFor(string subject, Guid homeOrganisationId, params string[] roles) =>
        ClientWithToken(TestTokens.Staff(subject, homeOrganisationId, roles));

    /// <summary>
    /// A client calling with the identity the gateway issues for a partner API key: the key's
    /// organisation as home, its scopes, and the roles those scopes act with.
    /// </summary>
    public HttpClient ClientForPartner(Guid homeOrganisationId, params string[] scopes) =>
        ClientWithToken(TestTokens.Partner(homeOrganisationId, scopes));

    public HttpClient ClientWithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting($"ConnectionStrings:{serviceName}-db", connectionString);
        builder.UseSetting("ConnectionStrings:rabbitmq", rabbitMq.ToString());

        // Services have no built-in personal-data keys: every host gets its own unless told which.
        builder.UseSetting("PersonalData:EncryptionKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        builder.UseSetting("PersonalData:LookupKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        // Tests read the outbox as the record of what a service published, and move the clock on by
        // months: bookkeeping stays for the year a test may span (RetentionTests test the windows).
        foreach (var window in new[] { "SentOutbox", "Inbox", "IdempotencyRecords" })
        {
            builder.UseSetting($"Retention:{window}", "365.00:00:00");
        }

        foreach (var (key, value) in TestTokens.Settings.Concat(settings ?? new Dictionary<string, string>()))
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            TestTokens.UseTestKeys(services);
        });
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }
}
