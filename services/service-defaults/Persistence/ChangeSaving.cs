using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PartyGrid.ServiceDefaults.Problems;

namespace PartyGrid.ServiceDefaults.Persistence;

public static class ChangeSaving
{
    /// <summary>
    /// Saves, turning the two expected losses of a race into answers instead of 500s: another request
    /// changed the same row first (409, read again), or a unique index refused a duplicate (the
    /// problem <paramref name="duplicate"/> gives for the index, 409 otherwise).
    /// </summary>
    public static async Task<ProblemHttpResult?> SaveOrProblemAsync(
        this DbContext db, CancellationToken cancellationToken, Func<string?, ProblemHttpResult?>? duplicate = null)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Problems.Conflict("concurrent-change", "Someone else changed this at the same moment; read it again and retry.");
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
        {
            return duplicate?.Invoke(unique.ConstraintName)
                ?? Problems.Problems.Conflict(ProblemCodes.Conflict, "This would duplicate something that exists already.");
        }
    }
}
