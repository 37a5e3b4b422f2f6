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
public sealed class OrganisationProjector<TContext>(TContext db, TimeProvider time, ILogger<OrganisationProjector<TContext>> logger)
    : InboxConsumer<OrganisationChanged, TContext>(db, time, logger)
    where TContext : DbContext
{
    protected override string ConsumerName => "organisation-projection";

    protected override Task HandleAsync(OrganisationChanged message, CancellationToken cancellationToken) =>
        ApplyAsync(Db, message, cancellationToken);

    /// <summary>Upserts the snapshot unless a newer one is stored; true when the row changed.</summary>
    public static async Task<bool> ApplyAsync(DbContext db, OrganisationChanged message, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync(
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
