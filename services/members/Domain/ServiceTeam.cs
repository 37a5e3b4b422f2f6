using PartyGrid.ServiceDefaults.Paging;

namespace PartyGrid.Members.Domain;

/// <summary>A Party members' service team (党员服务队): volunteers with skills, attached to an organisation.</summary>
public sealed class ServiceTeam : IHasId
{
    private ServiceTeam()
    {
    }

    public Guid Id { get; private init; }

    public Guid OrganisationId { get; private init; }

    public string Name { get; private set; } = string.Empty;

    public List<string> Skills { get; private set; } = [];

    public string? Description { get; private set; }

    public DateTimeOffset CreatedAt { get; private init; }

    public List<ServiceTeamMembership> Members { get; private init; } = [];

    public long Version { get; private set; }

    public static ServiceTeam Form(Guid organisationId, string name, IReadOnlyList<string> skills, string? description, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        OrganisationId = organisationId,
        Name = name,
        Skills = [.. skills],
        Description = description,
        CreatedAt = now,
        Version = 1,
    };

    public void Join(Member member, DateTimeOffset now)
    {
        member.EnsureActive();
        if (Members.Any(m => m.MemberId == member.Id))
        {
            throw DomainRuleException.IllegalState("already-in-team", "The member is already in this team.");
        }

        Members.Add(new ServiceTeamMembership(Id, member.Id, now));
        Version++;
    }

    public ServiceTeamChanged ToEvent() => new(Id, OrganisationId, Name, Skills, Version);

    public void Leave(Guid memberId)
    {
        var membership = Members.FirstOrDefault(m => m.MemberId == memberId)
            ?? throw DomainRuleException.IllegalState("not-in-team", "The member is not in this team.");
        Members.Remove(membership);
        Version++;
    }
}

public sealed class ServiceTeamMembership(Guid teamId, Guid memberId, DateTimeOffset joinedAt)
{
    public Guid TeamId { get; private init; } = teamId;

    public Guid MemberId { get; private init; } = memberId;

    public DateTimeOffset JoinedAt { get; private init; } = joinedAt;
}
