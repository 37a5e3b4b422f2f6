using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PartyGrid.Contracts;
using PartyGrid.ServiceDefaults.Messaging;

namespace PartyGrid.ServiceDefaults.Projections;

/// <summary>
/// Keeps <see cref="ProjectedOrganisation"/> rows: an event replaces the row only when its version is
/// newer, in one statement, so reordered, duplicated and concurrent deliveries all end in the newest
/// snapshot.
/// </summary>
/// <param name="cache">This instance's cache of the projection, in a service that keeps one.</param>
public sealed class OrganisationProjector<TContext>(TContext db, TimeProvider time, ILogger<OrganisationProjector<TContext>> logger, OrganisationCache? cache = null)
    : InboxConsumer<OrganisationChanged, TContext>(db, time, logger)
    where TContext : DbContext
{
    protected override string ConsumerName => "organisation-projection";

    protected override Task HandleAsync(OrganisationChanged message, CancellationToken cancellationToken) =>
        ApplyAsync(Db, message, cache, cancellationToken);

    /// <summary>
    /// Upserts the snapshot unless a newer one is stored; true when the row changed. The cache hears of
    /// the change first, so that no read of this instance keeps the old row once the new one commits.
    /// </summary>
    public static async Task<bool> ApplyAsync(DbContext db, OrganisationChanged message, OrganisationCache? cache, CancellationToken cancellationToken)
    {
        cache?.Heard(message.Id, message.Version);
        return await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO organisations (id, parent_id, path, code, name, tier, area, kind, status, version)
            VALUES ({message.Id}, {message.ParentId}, {message.Path}::ltree, {message.Code}, {message.Name},
                    {WireName.Of(message.Tier)}, {WireName.Of(message.Area)}, {WireName.Of(message.Kind)},
                    {WireName.Of(message.Status)}, {message.Version})
            ON CONFLICT (id) DO UPDATE SET
                parent_id = EXCLUDED.parent_id, path = EXCLUDED.path, code = EXCLUDED.code, name = EXCLUDED.name,
                tier = EXCLUDED.tier, area = EXCLUDED.area, kind = EXCLUDED.kind, status = EXCLUDED.status,
                version = EXCLUDED.version
            WHERE organisations.version < EXCLUDED.version
            """,
            cancellationToken) > 0;
    }
}
