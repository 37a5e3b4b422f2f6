using Microsoft.AspNetCore.Http.HttpResults;

namespace PartyGrid.Tickets.Api;

/// <summary>The lifecycle of DESIGN.md; illegal moves answer 409 with <c>{action}-not-allowed</c>.</summary>
public static class TicketLifecycleApi
{
    public static RouteGroupBuilder MapTicketLifecycleApi(this RouteGroupBuilder api)
    {
        api.MapPost("/{id:guid}/accept", (Guid id, Caller caller, TicketChanges changes, CancellationToken ct) =>
                changes.ApplyAsync(caller, id, TicketAction.Accept, Sync((t, at) => t.Accept(at.Actor, at.Now)), ct))
            .WithSummary("The holding site accepts (签收) the ticket.");
        api.MapPost("/{id:guid}/assign", (Guid id, AssignRequest request, Caller caller, TicketChanges changes, CancellationToken ct) =>
                WithAssignee(request, assignee =>
                    changes.ApplyAsync(caller, id, TicketAction.Assign, (t, at) => at.Changes.AssignAsync(t, assignee, at), ct)))
            .WithSummary("Hand the ticket to an active member, or a service team, of the site holding it (or of an organisation under it); it is in progress.");
        api.MapPost("/{id:guid}/escalate", (Guid id, ReasonRequest request, Caller caller, TicketChanges changes, CancellationToken ct) =>
                WithText("reason", request.Reason, reason =>
                    changes.ApplyAsync(caller, id, TicketAction.Escalate, (t, at) => at.Changes.EscalateAsync(t, reason, at), ct)))
            .WithSummary("Send the ticket to the parent organisation's site, with the reason (beyond authority or capacity).");
        api.MapPost("/{id:guid}/suspend", (Guid id, ReasonRequest request, Caller caller, TicketChanges changes, CancellationToken ct) =>
                WithText("reason", request.Reason, reason =>
                    changes.ApplyAsync(caller, id, TicketAction.Suspend, Sync((t, at) => t.Suspend(reason, at.Actor, at.Now)), ct)))
            .WithSummary("Wait for the requester: the clock stops.");
        api.MapPost("/{id:guid}/resume", (Guid id, Caller caller, TicketChanges changes, CancellationToken ct) =>
                changes.ApplyAsync(caller, id, TicketAction.Resume, Sync((t, at) => t.Resume(at.Clock, at.Actor, at.Now)), ct))
            .WithSummary("The clock restarts; deadlines move on by the working time suspended.");
        api.MapPost("/{id:guid}/resolve", (Guid id, ResolveRequest request, Caller caller, TicketChanges changes, CancellationToken ct) =>
                WithText("resolution", request.Resolution, resolution =>
                    changes.ApplyAsync(caller, id, TicketAction.Resolve,
                        Sync((t, at) => t.Resolve(resolution, at.Clock, at.Options.AutoCloseWorkingDays, at.Actor, at.Now)), ct)))
            .WithSummary("Record how the matter was settled; the requester may now rate it.");
        api.MapPost("/{id:guid}/rate", (Guid id, RateRequest request, Caller caller, TicketChanges changes, CancellationToken ct) =>
                WithField("score", request.Score is >= 1 and <= 5, "must be 1 to 5", () =>
                    changes.ApplyAsync(caller, id, TicketAction.Rate,
                        Sync((t, at) => t.Rate(request.Score!.Value, Trim(request.Comment), at.Clock, at.Actor, at.Now)), ct)))
            .WithSummary("The requester's rating 1–5 (好差评); 1–2 reopens the ticket for rectification, 3–5 closes it.");
        api.MapPost("/{id:guid}/reopen", (Guid id, ReasonRequest request, Caller caller, TicketChanges changes, CancellationToken ct) =>
                WithText("reason", request.Reason, reason =>
                    changes.ApplyAsync(caller, id, TicketAction.Reopen, Sync((t, at) => t.Reopen(reason, at.Clock, at.Actor, at.Now)), ct)))
            .WithSummary("Reopen a resolved or closed ticket, with fresh deadlines.");
        api.MapPost("/{id:guid}/close", (Guid id, Caller caller, TicketChanges changes, CancellationToken ct) =>
                changes.ApplyAsync(caller, id, TicketAction.Close, Sync((t, at) => t.Close(at.Actor, at.Now)), ct))
            .WithSummary("Close a resolved ticket.");
        api.MapPost("/{id:guid}/cancel", (Guid id, ReasonRequest request, Caller caller, TicketChanges changes, CancellationToken ct) =>
                WithText("reason", request.Reason, reason =>
                    changes.ApplyAsync(caller, id, TicketAction.Cancel, Sync((t, at) => t.Cancel(reason, at.Actor, at.Now)), ct)))
            .WithSummary("Cancel an unresolved ticket (withdrawn, duplicate), with the reason.");
        api.MapPost("/{id:guid}/comments", (Guid id, CommentRequest request, Caller caller, TicketChanges changes, CancellationToken ct) =>
                WithText("text", request.Text, text =>
                    changes.ApplyAsync(caller, id, TicketAction.Comment, Sync((t, at) => t.Comment(text, at.Actor, at.Now)), ct)))
            .WithSummary("Add a note to the timeline.");
        return api;
    }

    private static Func<Domain.Ticket, TicketChangeContext, Task> Sync(Action<Domain.Ticket, TicketChangeContext> change) => (ticket, context) =>
    {
        change(ticket, context);
        return Task.CompletedTask;
    };

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim()[..Math.Min(text.Trim().Length, 1000)];

    private static async Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> WithText(
        string field, string? value, Func<string, Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>>> then)
    {
        var errors = new FieldErrors();
        var text = errors.Required(field, value, 4000);
        return errors.Any ? Problems.Validation(errors.ToDictionary()) : await then(text!);
    }

    private static async Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> WithAssignee(
        AssignRequest request, Func<TicketAssignee, Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>>> then)
    {
        var errors = new FieldErrors();
        var member = request.MemberId;
        var team = request.TeamId;
        if (!errors.Any && member.HasValue == team.HasValue)
        {
            errors.Add(member.HasValue ? "teamId" : "memberId", "name either a member (memberId) or a service team (teamId), not both");
        }

        return errors.Any
            ? Problems.Validation(errors.ToDictionary())
            : await then(member is { } m ? new TicketAssignee(m, IsTeam: false) : new TicketAssignee(team!.Value, IsTeam: true));
    }

    private static async Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> WithField(
        string field, bool valid, string message, Func<Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>>> then) =>
        valid ? await then() : Problems.Validation(new Dictionary<string, string[]> { [field] = [message] });
}
