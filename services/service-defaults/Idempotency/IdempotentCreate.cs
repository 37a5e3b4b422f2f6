using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PartyGrid.ServiceDefaults.Identity;

namespace PartyGrid.ServiceDefaults.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on the POSTs that create, as an endpoint filter: the first 201 is recorded in
/// the very transaction of the create, and given again for the same caller, key and body; the key with
/// another body is a 409. The handler itself knows nothing of it.
/// </summary>
public static class IdempotentCreate
{
    /// <param name="builder">A creating POST whose body is <typeparamref name="TRequest"/> and whose 201 carries <typeparamref name="TResponse"/>.</param>
    /// <param name="scope">
    /// What the key is unique within beyond the caller (the pairing an activity is reported to), so the
    /// same report sent to two places is two creates; null: the caller alone.
    /// </param>
    public static RouteHandlerBuilder WithIdempotency<TContext, TRequest, TResponse>(
        this RouteHandlerBuilder builder, Func<HttpContext, string>? scope = null)
        where TContext : DbContext
        where TRequest : class =>
        builder.AddEndpointFilter(new IdempotentCreateFilter<TContext, TRequest, TResponse>(scope));
}

internal sealed class IdempotentCreateFilter<TContext, TRequest, TResponse>(Func<HttpContext, string>? scope) : IEndpointFilter
    where TContext : DbContext
    where TRequest : class
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var header = http.Request.Headers[IdempotencyRecord.Header].ToString();
        if (header.Length == 0 || Caller.From(http.User) is not { } caller || context.Arguments.OfType<TRequest>().FirstOrDefault() is not { } request)
        {
            return await next(context);
        }

        if (header.Length > IdempotencyRecord.MaxKeyLength)
        {
            return Problems.Problems.Field(IdempotencyRecord.Header, $"must be at most {IdempotencyRecord.MaxKeyLength} characters");
        }

        var key = scope is null ? header : $"{scope(http)}:{header}";
        var db = http.RequestServices.GetRequiredService<TContext>();
        var time = http.RequestServices.GetRequiredService<TimeProvider>();
        var cancellationToken = http.RequestAborted;
        if (await EarlierAsync(db, caller.Subject, key, request, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await next(context);
        if (CreatedIn(result) is { } created)
        {
            db.Add(IdempotencyRecord.For(caller.Subject, key, request, created.Location ?? string.Empty, created.Value, time.GetUtcNow()));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // The same key's twin committed first: its create stands and this one is undone.
            }
        }

        // Whatever the handler refused or could not save is undone; a twin's answer, if there is one, stands.
        await transaction.RollbackAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return await EarlierAsync(db, caller.Subject, key, request, cancellationToken) ?? result;
    }

    private static Created<TResponse>? CreatedIn(object? result) => result switch
    {
        Created<TResponse> created => created,
        INestedHttpResult nested => CreatedIn(nested.Result),
        _ => null,
    };

    private static async Task<IResult?> EarlierAsync(TContext db, string caller, string key, TRequest request, CancellationToken cancellationToken)
    {
        if (await db.FindIdempotencyAsync(caller, key, cancellationToken) is not { } earlier)
        {
            return null;
        }

        return earlier.RequestHash == IdempotencyRecord.HashOf(request)
            ? TypedResults.Created(earlier.Location, earlier.Replay<TResponse>())
            : Problems.Problems.Conflict("idempotency-key-reused", "This Idempotency-Key was used for a different request.");
    }
}
