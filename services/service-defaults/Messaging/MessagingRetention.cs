using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartyGrid.ServiceDefaults.Hosting;
using PartyGrid.ServiceDefaults.Idempotency;

namespace PartyGrid.ServiceDefaults.Messaging;

/// <summary>
/// Deletes, in batches, sent outbox rows, inbox rows past the duplicate window and idempotency
/// records past their validity, so these tables stay the size of their window rather than of the
/// service's whole history. Pending outbox rows always stay. Safe beside other replicas: a batch
/// deleted twice is simply empty the second time.
/// </summary>
public sealed class MessagingRetention<TContext>(
    IServiceScopeFactory scopes,
    IOptions<RetentionOptions> options,
    RetentionMetrics metrics,
    TimeProvider time,
    ILogger<MessagingRetention<TContext>> logger) : PeriodicJob(time, logger)
    where TContext : DbContext
{
    protected override TimeSpan Interval => options.Value.Interval;

    protected override string Work => "Messaging retention";

    protected override async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        // PostgreSQL takes timestamps in UTC only, whatever offset a clock reports.
        var now = Time.GetUtcNow().ToUniversalTime();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();

        // Table and column names are the model's own constants, never input.
        var removed = await DeleteAsync(db, MessagingModel.OutboxTable, "sent_at IS NOT NULL AND sent_at < @before", now - settings.SentOutbox, settings.BatchSize, cancellationToken);
        removed += await DeleteAsync(db, MessagingModel.InboxTable, "received_at < @before", now - settings.Inbox, settings.BatchSize, cancellationToken);
        if (db.Model.FindEntityType(typeof(IdempotencyRecord)) is not null)
        {
            removed += await DeleteAsync(db, IdempotencyModel.Table, "created_at < @before", now - settings.IdempotencyRecords, settings.BatchSize, cancellationToken);
        }

        return removed;
    }

    private async Task<int> DeleteAsync(TContext db, string table, string condition, DateTimeOffset before, int batchSize, CancellationToken cancellationToken)
    {
        var sql = $"DELETE FROM {table} WHERE ctid IN (SELECT ctid FROM {table} WHERE {condition} LIMIT @batch)";
        var total = 0;
        int batch;
        do
        {
            batch = await db.Database.ExecuteSqlRawAsync(
                sql, [new Npgsql.NpgsqlParameter("before", before), new Npgsql.NpgsqlParameter("batch", batchSize)], cancellationToken);
            total += batch;
        }
        while (batch == batchSize && !cancellationToken.IsCancellationRequested);

        metrics.Removed(table, total);
        return total;
    }
}

/// <summary>What retention removed, per table, for the dashboard.</summary>
public sealed class RetentionMetrics
{
    private readonly Counter<long> removed;

    public RetentionMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Telemetry.MeterPrefix + "Messaging");
        removed = meter.CreateCounter<long>("partygrid.retention.removed", "{row}", "Bookkeeping rows deleted past their retention window.");
    }

    public void Removed(string table, int count)
    {
        if (count > 0)
        {
            removed.Add(count, new KeyValuePair<string, object?>("table", table));
        }
    }
}

public static class MessagingRetentionSetup
{
    /// <summary>The retention job for a service's outbox, inbox and (if it has them) idempotency records.</summary>
    public static IServiceCollection AddMessagingRetention<TContext>(this IServiceCollection services)
        where TContext : DbContext
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>();
        services.AddSingleton<RetentionMetrics>();
        services.AddHostedService<MessagingRetention<TContext>>();
        return services;
    }
}
