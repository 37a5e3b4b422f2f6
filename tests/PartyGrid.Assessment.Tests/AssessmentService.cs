using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using MassTransit;
using Npgsql;
using PartyGrid.Testing;

namespace PartyGrid.Assessment.Tests;

/// <summary>One assessment service for every test class: the consumers' queues are shared on the broker.</summary>
[CollectionDefinition(Name)]
public sealed class AssessmentServiceCollection : ICollectionFixture<AssessmentService>
{
    public const string Name = "assessment service";
}

public class AssessmentService : IAsyncLifetime
{
    public ServiceHost<Program> Host { get; private set; } = null!;

    public EventBus Bus { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var rabbit = await BrokerAsync();
        Host = await ServiceHost<Program>.StartAsync(AssessmentServiceExtensions.ServiceName, broker: rabbit);
        Bus = await EventBus.StartAsync(rabbit);
    }

    public virtual async Task DisposeAsync()
    {
        await Bus.DisposeAsync();
        await Host.DisposeAsync();
    }

    /// <summary>The broker the service and the test's bus meet on: the one the tests share.</summary>
    protected virtual Task<Uri> BrokerAsync() => TestServers.RabbitMqAsync();

    public Task PublishAsync<T>(T message, Guid messageId)
        where T : class => Bus.PublishAsync(message, messageId);

    /// <summary>Publishes each message under a new id and waits until the service's inbox holds them all.</summary>
    public async Task PublishAndWaitAsync(params object[] messages)
    {
        var ids = new List<Guid>();
        foreach (var message in messages)
        {
            var id = Guid.NewGuid();
            ids.Add(id);
            await Bus.PublishAsync(message, id);
        }

        await ConsumedAsync(ids);
    }

    public Task ConsumedAsync(IReadOnlyCollection<Guid> messageIds) =>
        EventBus.ConsumedAsync(Host.ConnectionString, messageIds, () => string.Join('\n', Host.Logs.Lines.Where(l => l.Contains("Exception", StringComparison.Ordinal)).TakeLast(3)));

    public HttpClient Admin => Host.ClientAs(Guid.NewGuid(), "admin");

    /// <summary>
    /// One survey answer recorded by admin from a respondent of its own: a new member of the organisation,
    /// or a resident known by a new ticket of theirs at the organisation, years back (so no figure a test reads moves).
    /// </summary>
    public async Task<HttpResponseMessage> AnswerAsync(Guid org, string respondent, int score)
    {
        var id = Guid.NewGuid();
        if (respondent == "member")
        {
            await PublishAndWaitAsync(Snapshots.Member(org, id));
            return await Admin.PostAsJsonAsync("/api/v1/surveys", new { orgId = org, respondent, respondentMemberId = id, score });
        }

        await PublishAndWaitAsync(TicketSnapshots.Ticket(org, PartyGrid.Contracts.OrganisationTier.Village, LongAgo, LongAgo.AddDays(10), id: id));
        return await Admin.PostAsJsonAsync("/api/v1/surveys", new { orgId = org, respondent, ticketId = id, score });
    }

    private static readonly DateTimeOffset LongAgo = new(2020, 1, 6, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>A scorecard as JSON, after the inbox has taken every message published so far.</summary>
    public async Task<JsonElement> ScorecardAsync(Guid org, string? period, string scope = "subtree")
    {
        var response = await Admin.GetAsync($"/api/v1/assessments/{org}?scope={scope}" + (period is null ? string.Empty : $"&period={period}"));
        return await Json.ReadAsync(response, System.Net.HttpStatusCode.OK);
    }

    public async Task<T?> ScalarAsync<T>(string sql, Guid id)
    {
        await using var connection = new NpgsqlConnection(Host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }
}

/// <summary>
/// An assessment service with a database and a broker of its own, for tests that change what every
/// later figure depends on (the scheme in force): nothing they save reaches the shared service.
/// </summary>
public sealed class IsolatedAssessmentService : AssessmentService
{
    private ServerProcess? broker;

    protected override async Task<Uri> BrokerAsync()
    {
        var (node, uri, _) = await TestServers.StartPrivateRabbitMqAsync();
        broker = node;
        return uri;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (broker is not null)
        {
            await broker.DisposeAsync();
        }
    }
}
