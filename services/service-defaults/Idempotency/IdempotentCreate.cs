using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PartyGrid.ServiceDefaults.Problems;

namespace PartyGrid.ServiceDefaults.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on the POSTs that create: the first answer is recorded with the create and
/// given again for the same caller, key and body; the key with another body is a 409.
/// </summary>
public static class IdempotentCreate
{
    /// <summary>The request's key, or null when it sent none; a key too long is a field error.</summary>
    public static string? Key(HttpRequest request, FieldErrors errors)
    {
        var key = request.Headers[IdempotencyRecord.Header].ToString();
        if (key.Length > IdempotencyRecord.MaxKeyLength)
        {
            errors.Add(IdempotencyRecord.Header, $"must be at most {IdempotencyRecord.MaxKeyLength} characters");
        }

        return key.Length == 0 ? null : key;
    }

    /// <summary>The earlier answer under this key, if there is one.</summary>
    public static async Task<Replay<TResponse>?> EarlierAsync<TRequest, TResponse>(
        this DbContext db, string caller, string? key, TRequest request, CancellationToken cancellationToken)
    {
        if (key is null || await db.FindIdempotencyAsync(caller, key, cancellationToken) is not { } earlier)
        {
            return null;
        }

        return earlier.RequestHash == IdempotencyRecord.HashOf(request)
            ? new Replay<TResponse>(TypedResults.Created(earlier.Location, earlier.Replay<TResponse>()), null)
            : new Replay<TResponse>(null, Problems.Problems.Conflict("idempotency-key-reused", "This Idempotency-Key was used for a different request."));
    }

    /// <summary>Stages the record of this answer; it commits with the create or not at all.</summary>
    public static void Remember<TRequest, TResponse>(
        this DbContext db, string caller, string? key, TRequest request, string location, TResponse response, DateTimeOffset now)
    {
        if (key is not null)
        {
            db.Add(IdempotencyRecord.For(caller, key, request, location, response, now));
        }
    }

    /// <summary>
    /// After a save refused with <paramref name="problem"/>: when a concurrent request with the same
    /// key won the race, its answer stands; otherwise the problem does.
    /// </summary>
    public static async Task<Replay<TResponse>> AfterRefusalAsync<TRequest, TResponse>(
        this DbContext db, string caller, string? key, TRequest request, ProblemHttpResult problem, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await db.EarlierAsync<TRequest, TResponse>(caller, key, request, cancellationToken) ?? new Replay<TResponse>(null, problem);
    }
}

/// <summary>An earlier answer: the same 201 again, or the conflict of a reused key (or the refusal that stands).</summary>
public sealed record Replay<TResponse>(Created<TResponse>? Again, ProblemHttpResult? Refusal);
