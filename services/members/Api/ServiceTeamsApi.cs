using Microsoft.AspNetCore.Http.HttpResults;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Paging;
using PartyGrid.ServiceDefaults.Persistence;

namespace PartyGrid.Members.Api;

public sealed record FormServiceTeamRequest(Guid? OrgId, string? Name, string[]? Skills, string? Description);

public sealed record JoinServiceTeamRequest(Guid? MemberId);

public sealed record ServiceTeamMemberResponse(Guid MemberId, string Name, IReadOnlyList<string> Skills, DateTimeOffset JoinedAt);

public sealed record ServiceTeamResponse(
    Guid Id, Guid OrgId, string Name, IReadOnlyList<string> Skills, string? Description, int MemberCount,
    IReadOnlyList<ServiceTeamMemberResponse>? Members, long Version);

/// <summary>
/// Service teams (党员服务队) of an organisation. Volunteers come from the organisation's subtree or
/// are mobile members registered in there.
/// </summary>
public static class ServiceTeamsApi
{
    public static void MapServiceTeamsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/service-teams").WithTags("Service teams");
        api.MapPost("/", Form).WithSummary("Form a service team with its skills.");
        api.MapGet("/", List).WithSummary("Teams of an organisation (or its subtree), optionally with a skill.");
        api.MapGet("/{id:guid}", Get).WithSummary("One team with its volunteers.");
        api.MapPost("/{id:guid}/members", Join).WithSummary("A member joins the team.");
        api.MapDelete("/{id:guid}/members/{memberId:guid}", Leave).WithSummary("A member leaves the team.");
    }

    private static async Task<Results<Created<ServiceTeamResponse>, ValidationProblem, ProblemHttpResult>> Form(
        FormServiceTeamRequest request, Caller caller, MembersDbContext db, MemberAccess access, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var orgId = errors.Required("orgId", request.OrgId);
        var name = errors.Required("name", request.Name, 100);
        var skills = MemberInput.Skills(errors, "skills", request.Skills);
        var description = MemberInput.Optional(errors, "description", request.Description, 1000);
        if (skills.Count == 0)
        {
            errors.Add("skills", "name at least one skill the team offers");
        }

        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var (organisation, refusal) = await access.ForNewWorkAsync(caller, orgId!.Value, "orgId", cancellationToken);
        if (organisation is null)
        {
            return refusal!;
        }

        var now = time.GetUtcNow();
        var team = ServiceTeam.Form(organisation.Id, name!, skills, description, now);
        db.ServiceTeams.Add(team);
        db.Publish(team.ToEvent(), now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/service-teams/{team.Id}", await ResponseAsync(db, team, cancellationToken));
    }

    private static async Task<Results<Ok<Page<ServiceTeamResponse>>, ValidationProblem, ProblemHttpResult>> List(
        Guid? orgId, bool? subtree, string? skill, int? limit, string? cursor,
        Caller caller, MembersDbContext db, MemberAccess access, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var page = PageRequest.Parse(limit, cursor, errors);
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var root = await access.Scope.ListRootAsync(caller, orgId, cancellationToken);
        if (root is null)
        {
            return Problems.NotFound("The organisation");
        }

        var teams = db.ServiceTeams.AsNoTracking().IgnoreAutoIncludes();
        teams = subtree == true
            ? teams.Where(t => access.Scope.SubtreeIds(root.Path).Contains(t.OrganisationId))
            : teams.Where(t => t.OrganisationId == root.Id);
        if (!string.IsNullOrWhiteSpace(skill))
        {
            var tag = skill.Trim().ToLowerInvariant();
            teams = teams.Where(t => t.Skills.Contains(tag));
        }

        var rows = await teams.PageRows(page)
            .Select(t => new { Team = t, Count = db.Set<ServiceTeamMembership>().Count(m => m.TeamId == t.Id) })
            .OrderBy(r => r.Team.Id)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(page.ToPage(rows, r => r.Team.Id, r => new ServiceTeamResponse(
            r.Team.Id, r.Team.OrganisationId, r.Team.Name, r.Team.Skills, r.Team.Description, r.Count, null, r.Team.Version)));
    }

    private static async Task<Results<Ok<ServiceTeamResponse>, ProblemHttpResult>> Get(
        Guid id, Caller caller, MembersDbContext db, MemberAccess access, CancellationToken cancellationToken)
    {
        var team = await db.ServiceTeams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        return team is not null && await access.SeesAsync(caller, team.OrganisationId, cancellationToken)
            ? TypedResults.Ok(await ResponseAsync(db, team, cancellationToken))
            : Problems.NotFound("The service team");
    }

    private static async Task<Results<Ok<ServiceTeamResponse>, ValidationProblem, ProblemHttpResult>> Join(
        Guid id, JoinServiceTeamRequest request, Caller caller, MembersDbContext db, MemberAccess access, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var memberId = errors.Required("memberId", request.MemberId);
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var (team, refusal) = await ForChangeAsync(id, caller, db, access, cancellationToken);
        if (team is null)
        {
            return refusal!;
        }

        var member = await db.Members.FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken);
        if (member is null)
        {
            return Problems.Field("memberId", "no such member");
        }

        if (!await VolunteersForAsync(db, access, team, member, cancellationToken))
        {
            return Problems.RuleViolated("member-outside-team", "Volunteers come from the team's organisation and below, or are mobile members registered there.");
        }

        var now = time.GetUtcNow();
        team.Join(member, now);

        db.Publish(team.ToEvent(), now);

        return await db.SaveOrProblemAsync(cancellationToken, _ => Problems.Conflict("already-in-team", "The member is already in this team.")) is { } problem
            ? problem
            : TypedResults.Ok(await ResponseAsync(db, team, cancellationToken));
    }

    private static async Task<Results<Ok<ServiceTeamResponse>, ValidationProblem, ProblemHttpResult>> Leave(
        Guid id, Guid memberId, Caller caller, MembersDbContext db, MemberAccess access, TimeProvider time, CancellationToken cancellationToken)
    {
        var (team, refusal) = await ForChangeAsync(id, caller, db, access, cancellationToken);
        if (team is null)
        {
            return refusal!;
        }

        team.Leave(memberId);

        db.Publish(team.ToEvent(), time.GetUtcNow());

        return await db.SaveOrProblemAsync(cancellationToken) is { } problem
            ? problem
            : TypedResults.Ok(await ResponseAsync(db, team, cancellationToken));
    }

    private static async Task<(ServiceTeam? Team, ProblemHttpResult? Refusal)> ForChangeAsync(
        Guid id, Caller caller, MembersDbContext db, MemberAccess access, CancellationToken cancellationToken)
    {
        var team = await db.ServiceTeams.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (team is null || !await access.SeesAsync(caller, team.OrganisationId, cancellationToken))
        {
            return (null, Problems.NotFound("The service team"));
        }

        return await access.ChangesAsync(caller, team.OrganisationId, cancellationToken)
            ? (team, null)
            : (null, Problems.Forbidden("Changing a team needs org-admin for its organisation (or admin)."));
    }

    private static async Task<bool> VolunteersForAsync(MembersDbContext db, MemberAccess access, ServiceTeam team, Member member, CancellationToken cancellationToken)
    {
        var teamOrg = await access.Scope.FindAsync(team.OrganisationId, cancellationToken);
        var subtree = access.Scope.SubtreeIds(teamOrg!.Path);
        return await subtree.ContainsAsync(member.OrganisationId, cancellationToken)
               || await db.Flows.AnyAsync(
                   f => f.MemberId == member.Id && f.Status == MemberFlowStatus.FlowingIn && subtree.Contains(f.DestinationOrganisationId!.Value),
                   cancellationToken);
    }

    private static async Task<ServiceTeamResponse> ResponseAsync(MembersDbContext db, ServiceTeam team, CancellationToken cancellationToken)
    {
        var memberIds = team.Members.Select(m => m.MemberId).ToList();
        var members = await db.Members.AsNoTracking().Where(m => memberIds.Contains(m.Id))
            .Select(m => new { m.Id, m.Name, m.Skills })
            .ToDictionaryAsync(m => m.Id, cancellationToken);
        var volunteers = team.Members.OrderBy(m => m.JoinedAt)
            .Select(m => new ServiceTeamMemberResponse(m.MemberId, members[m.MemberId].Name, members[m.MemberId].Skills, m.JoinedAt))
            .ToList();
        return new ServiceTeamResponse(team.Id, team.OrganisationId, team.Name, team.Skills, team.Description, volunteers.Count, volunteers, team.Version);
    }
}
