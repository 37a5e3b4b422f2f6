using Microsoft.EntityFrameworkCore;
using PartyGrid.ServiceDefaults.Persistence;
using Microsoft.Extensions.Logging;
using PartyGrid.Contracts;
using PartyGrid.ServiceDefaults.Messaging;

namespace PartyGrid.ServiceDefaults.Projections;

/// <summary>
/// A service's local copy of who is a member where, kept from <see cref="MemberChanged"/>, so that a
/// member named in a request (a ticket's assignee, a household's helper) is checked without calling
/// the members service. No personal data: the event carries none.
/// </summary>
public sealed class ProjectedMember
{
    public Guid Id { get; init; }

    public Guid OrganisationId { get; init; }

    public MemberStatus Status { get; init; }

    public long Version { get; init; }

    /// <summary>A member who can take on work: not one who has left.</summary>
    public bool IsActive => Status != MemberStatus.Left;
}

public static class MemberProjectionModel
{
    public const string Table = "projected_members";

    public static ModelBuilder AddMemberProjection(this ModelBuilder model)
    {
        model.Entity<ProjectedMember>(e =>
        {
            e.ToTable(Table);
            e.HasKey(m => m.Id);
            e.Property(m => m.Id).ValueGeneratedNever();
            e.Property(m => m.Status).HasConversion<WireNameConverter<MemberStatus>>().HasMaxLength(20);
            e.Ignore(m => m.IsActive);
            e.HasIndex(m => m.OrganisationId);
        });
        return model;
    }

    /// <summary>
    /// Whether <paramref name="memberId"/> is an active member of an organisation at or under
    /// <paramref name="organisationId"/>; unknown, departed and out-of-subtree members alike are not.
    /// </summary>
    public static async Task<bool> ActiveMemberUnderAsync(this DbContext db, Guid memberId, Guid organisationId, CancellationToken cancellationToken) =>
        await db.SubtreeIdsAsync(organisationId, cancellationToken) is { } subtree
        && await db.Set<ProjectedMember>().AnyAsync(
            m => m.Id == memberId && m.Status != MemberStatus.Left && subtree.Contains(m.OrganisationId), cancellationToken);

    /// <summary>The ids of an organisation and everything below it; null when the organisation is unknown.</summary>
    internal static async Task<IQueryable<Guid>?> SubtreeIdsAsync(this DbContext db, Guid organisationId, CancellationToken cancellationToken)
    {
        var root = await db.Set<ProjectedOrganisation>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == organisationId, cancellationToken);
        return root is null
            ? null
            : db.Set<ProjectedOrganisation>().Where(o => o.Path.IsDescendantOf(root.Path)).Select(o => o.Id);
    }
}

/// <summary>Keeps <see cref="ProjectedMember"/> rows: the newest version of each member wins, whatever the order of arrival.</summary>
public sealed class MemberProjector<TContext>(TContext db, TimeProvider time, ILogger<MemberProjector<TContext>> logger)
    : InboxConsumer<MemberChanged, TContext>(db, time, logger)
    where TContext : DbContext
{
    protected override string ConsumerName => "member-projection";

    protected override Task HandleAsync(MemberChanged message, CancellationToken cancellationToken) =>
        Db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO projected_members (id, organisation_id, status, version)
            VALUES ({message.Id}, {message.OrganisationId}, {WireName.Of(message.Status)}, {message.Version})
            ON CONFLICT (id) DO UPDATE SET organisation_id = EXCLUDED.organisation_id, status = EXCLUDED.status, version = EXCLUDED.version
            WHERE projected_members.version < EXCLUDED.version
            """,
            cancellationToken);
}
