using System.Collections.Concurrent;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PartyGrid.Contracts;
using PartyGrid.ServiceDefaults.Messaging;

namespace PartyGrid.Messaging.Tests;

/// <summary>Applies a countable effect per message: one more in the tally row of the message id.</summary>
public sealed class TallyConsumer(ProbeDbContext db, TimeProvider time, ILogger<TallyConsumer> logger)
    : InboxConsumer<OrganisationChanged, ProbeDbContext>(db, time, logger)
{
    protected override string ConsumerName => "tally";

    protected override async Task HandleAsync(OrganisationChanged message, CancellationToken cancellationToken) =>
        await Db.Database.ExecuteSqlAsync(
            $"INSERT INTO tallies (message_id, count) VALUES ({message.Id}, 1) ON CONFLICT (message_id) DO UPDATE SET count = tallies.count + 1",
            cancellationToken);
}

/// <summary>Writes its effect, then fails: the effect must roll back and the message must end in _error.</summary>
public sealed class ExplodingConsumer(ProbeDbContext db, TimeProvider time, ILogger<ExplodingConsumer> logger)
    : InboxConsumer<OrganisationChanged, ProbeDbContext>(db, time, logger)
{
    public static readonly ConcurrentDictionary<Guid, int> Attempts = new();

    protected override string ConsumerName => "exploding";

    protected override async Task HandleAsync(OrganisationChanged message, CancellationToken cancellationToken)
    {
        Attempts.AddOrUpdate(message.Id, 1, (_, n) => n + 1);
        await Db.Database.ExecuteSqlAsync(
            $"INSERT INTO tallies (message_id, count) VALUES ({message.Id}, 1) ON CONFLICT (message_id) DO UPDATE SET count = tallies.count + 1",
            cancellationToken);
        throw new InvalidOperationException($"Refusing organisation {message.Id}.");
    }
}

/// <summary>Counts every completed consume per message id, duplicates included.</summary>
public sealed class DeliveryObserver : IConsumeObserver
{
    private readonly ConcurrentDictionary<Guid, int> completed = new();

    public int Completed(Guid messageId) => completed.GetValueOrDefault(messageId);

    public Task PreConsume<T>(ConsumeContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context)
        where T : class
    {
        if (context.MessageId is { } id)
        {
            completed.AddOrUpdate(id, 1, (_, n) => n + 1);
        }

        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;
}

/// <summary>
/// Meets an unreachable database (a real connection refused, from a closed port) on its first
/// <see cref="Outages"/> attempts, more than the retries a wrong message gets, then applies its effect.
/// </summary>
public sealed class OutageConsumer(ProbeDbContext db, TimeProvider time, ILogger<OutageConsumer> logger)
    : InboxConsumer<OrganisationChanged, ProbeDbContext>(db, time, logger)
{
    public const int Outages = 4;
    public static readonly ConcurrentDictionary<Guid, int> Attempts = new();

    protected override string ConsumerName => "outage";

    protected override async Task HandleAsync(OrganisationChanged message, CancellationToken cancellationToken)
    {
        if (Attempts.AddOrUpdate(message.Id, 1, (_, n) => n + 1) <= Outages)
        {
            await using var away = new Npgsql.NpgsqlConnection($"Host=127.0.0.1;Port={PartyGrid.Testing.FreePorts.Block()};Username=x;Password=x;Timeout=2");
            await away.OpenAsync(cancellationToken);
        }

        await Db.Database.ExecuteSqlAsync(
            $"INSERT INTO tallies (message_id, count) VALUES ({message.Id}, 1) ON CONFLICT (message_id) DO UPDATE SET count = tallies.count + 1",
            cancellationToken);
    }
}
