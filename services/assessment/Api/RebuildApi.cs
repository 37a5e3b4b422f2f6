using Microsoft.AspNetCore.Http.HttpResults;
using PartyGrid.ServiceDefaults.Identity;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Projections;

namespace PartyGrid.Assessment.Api;

public sealed record RebuildAccepted(Guid RequestId, int SurveyAnswersRecounted, DateTimeOffset RequestedAt);

public static class RebuildApi
{
    private const int SurveyBatch = 1000;

    public static RouteGroupBuilder MapRebuildApi(this RouteGroupBuilder api)
    {
        api.MapPost("/rebuild", Rebuild).RequireAuthorization(Policies.Admin)
            .WithSummary("Drop every projection and the running counts (admin), recount the surveys, and ask every service to republish its snapshots; the scorecards fill again as they arrive. Closed months stay frozen.");
        return api;
    }

    private static async Task<Results<Accepted<RebuildAccepted>, ProblemHttpResult>> Rebuild(
        Caller caller, AssessmentDbContext db, OrganisationCache organisations, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(
            "TRUNCATE organisations, assessed_tickets, assessed_members, assessed_pairings, assessed_service_sites, period_counts, subtree_counts, subtree_coverage",
            cancellationToken);

        // Surveys are assessment's own; they go back into the counts through the same contributions.
        var recounted = 0;
        Guid? after = null;
        while (true)
        {
            var batch = await db.SurveyAnswers.AsNoTracking()
                .Where(a => after == null || a.Id.CompareTo(after.Value) > 0)
                .OrderBy(a => a.Id).Take(SurveyBatch).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            await CountsLedger.ApplyAsync(db, [], batch.SelectMany(SurveyContribution.Of), cancellationToken);
            recounted += batch.Count;
            after = batch[^1].Id;
        }

        var request = new SnapshotsRequested(Guid.CreateVersion7(now), caller.Subject, now);
        db.Publish(request, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        organisations.Clear();
        return TypedResults.Accepted((string?)null, new RebuildAccepted(request.Id, recounted, now));
    }
}
