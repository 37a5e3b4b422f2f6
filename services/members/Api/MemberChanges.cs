using Microsoft.AspNetCore.Http.HttpResults;
using PartyGrid.ServiceDefaults.Hosting;
using PartyGrid.ServiceDefaults.Http;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Persistence;
using PartyGrid.ServiceDefaults.PersonalData;

namespace PartyGrid.Members.Api;

/// <summary>
/// The one way a member changes through an action: load it for change (404/403), apply the domain
/// step, publish <c>MemberChanged</c> with whatever else the step raised, save, answer with the member.
/// </summary>
public sealed class MemberChanges(MembersDbContext db, MemberAccess access, PersonalDataProtector protector, TimeProvider time)
{
    public Task<Results<Ok<MemberResponse>, ValidationProblem, ProblemHttpResult>> ApplyAsync(
        Caller caller, Guid memberId, HttpResponse response, Action<Member, MemberChangeContext> change, CancellationToken cancellationToken) =>
        ApplyAsync(caller, memberId, response, (member, context) =>
        {
            change(member, context);
            return Task.CompletedTask;
        }, cancellationToken);

    public async Task<Results<Ok<MemberResponse>, ValidationProblem, ProblemHttpResult>> ApplyAsync(
        Caller caller, Guid memberId, HttpResponse response, Func<Member, MemberChangeContext, Task> change, CancellationToken cancellationToken)
    {
        var (member, refusal) = await access.ForChangeAsync(caller, memberId, cancellationToken);
        if (member is null)
        {
            return refusal!;
        }

        var context = new MemberChangeContext(ChinaTime.Today(time), time.GetUtcNow(), db, cancellationToken);
        await change(member, context);

        db.Publish(member.ToEvent(), context.Now);
        if (await db.SaveOrProblemAsync(cancellationToken) is { } problem)
        {
            return problem;
        }

        ETag.Set(response, member.Version);
        return TypedResults.Ok(MemberResponse.From(member, protector));
    }
}

/// <summary>What a change step may use: the day (Shanghai), the instant, and the context to stage more rows and events in.</summary>
public sealed record MemberChangeContext(DateOnly Today, DateTimeOffset Now, MembersDbContext Db, CancellationToken CancellationToken);
