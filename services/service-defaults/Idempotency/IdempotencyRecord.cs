using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartyGrid.ServiceDefaults.Messaging;

namespace PartyGrid.ServiceDefaults.Idempotency;

/// <summary>
/// The first answer to a create sent with an <c>Idempotency-Key</c>, kept with a hash of the request:
/// the same caller, key and body get that answer again; the same key with another body is a 409.
/// Written in the transaction of the create itself, so an answer exists exactly when the create does.
/// </summary>
public sealed class IdempotencyRecord
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 100;

    public required string Caller { get; init; }

    public required string Key { get; init; }

    public required string RequestHash { get; init; }

    public required string Location { get; init; }

    public required string Body { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public static string HashOf<TRequest>(TRequest request) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, EventJson.Options)));

    public static IdempotencyRecord For<TRequest, TResponse>(string caller, string key, TRequest request, string location, TResponse response, DateTimeOffset now) => new()
    {
        Caller = caller,
        Key = key,
        RequestHash = HashOf(request),
        Location = location,
        Body = JsonSerializer.Serialize(response, EventJson.Options),
        CreatedAt = now,
    };

    public TResponse Replay<TResponse>() =>
        JsonSerializer.Deserialize<TResponse>(Body, EventJson.Options) ?? throw new InvalidOperationException("An idempotency record has an empty body.");
}

public static class IdempotencyModel
{
    public const string Table = "idempotency_records";

    public static ModelBuilder AddIdempotencyRecords(this ModelBuilder model)
    {
        model.Entity<IdempotencyRecord>(e =>
        {
            e.ToTable(Table);
            e.HasKey(r => new { r.Caller, r.Key });
            e.Property(r => r.Caller).HasMaxLength(200);
            e.Property(r => r.Key).HasMaxLength(IdempotencyRecord.MaxKeyLength);
            e.Property(r => r.RequestHash).HasMaxLength(64);
            e.Property(r => r.Location).HasMaxLength(300);
            e.Property(r => r.Body).HasColumnType("jsonb");
        });
        return model;
    }

    public static Task<IdempotencyRecord?> FindIdempotencyAsync(this DbContext db, string caller, string key, CancellationToken cancellationToken) =>
        db.Set<IdempotencyRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.Caller == caller && r.Key == key, cancellationToken);
}
