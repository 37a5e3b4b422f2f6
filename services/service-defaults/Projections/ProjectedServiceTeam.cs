using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PartyGrid.Contracts;
using PartyGrid.ServiceDefaults.Messaging;

namespace PartyGrid.ServiceDefaults.Projections;

/// <summary>
/// A service's local copy of the service teams (党员服务队) and where they belong, kept from
/// <see cref="ServiceTeamChanged"/>, so work handed to a team is checked without calling members.
/// </summary>
public sealed class ProjectedServiceTeam
{
    public Guid Id { get; init; }

    public Guid OrganisationId { get; init; }

    public required string Name { get; init; }

    public long Version { get; init; }
}

public static class ServiceTeamProjectionModel
{
    public const string Table = "projected_service_teams";

    public static ModelBuilder AddServiceTeamProjection(this ModelBuilder model)
    {
        model.Entity<ProjectedServiceTeam>(e =>
        {
            e.ToTable(Table);
            e.HasKey(t => t.Id);
            e.Property(t => t.Id).ValueGeneratedNever();
            e.Property(t => t.Name).HasMaxLength(100);
            e.HasIndex(t => t.OrganisationId);
        });
        return model;
    }

    /// <summary>
    /// Whether <paramref name="teamId"/> is a team of an organisation at or under
    /// <paramref name="organisationId"/>; unknown and out-of-subtree teams alike are not.
    /// </summary>
    public static async Task<bool> ServiceTeamUnderAsync(this DbContext db, Guid teamId, Guid organisationId, CancellationToken cancellationToken) =>
        await db.SubtreeIdsAsync(organisationId, cancellationToken) is { } subtree
        && await db.Set<ProjectedServiceTeam>().AnyAsync(t => t.Id == teamId && subtree.Contains(t.OrganisationId), cancellationToken);
}

/// <summary>Keeps <see cref="ProjectedServiceTeam"/> rows: the newest version of each team wins, whatever the order of arrival.</summary>
public sealed class ServiceTeamProjector<TContext>(TContext db, TimeProvider time, ILogger<ServiceTeamProjector<TContext>> logger)
    : InboxConsumer<ServiceTeamChanged, TContext>(db, time, logger)
    where TContext : DbContext
{
    protected override string ConsumerName => "service-team-projection";

    protected override Task HandleAsync(ServiceTeamChanged message, CancellationToken cancellationToken) =>
        Db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO projected_service_teams (id, organisation_id, name, version)
            VALUES ({message.Id}, {message.OrganisationId}, {message.Name}, {message.Version})
            ON CONFLICT (id) DO UPDATE SET organisation_id = EXCLUDED.organisation_id, name = EXCLUDED.name, version = EXCLUDED.version
            WHERE projected_service_teams.version < EXCLUDED.version
            """,
            cancellationToken);
}
