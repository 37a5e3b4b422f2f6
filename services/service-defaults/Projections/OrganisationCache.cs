using System.Collections.Concurrent;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyGrid.Contracts;

namespace PartyGrid.ServiceDefaults.Projections;

/// <summary>
/// The organisation projection as this process last read it. Every request asks for the caller's home
/// and the organisation it names, and the tree changes rarely, so those reads are not a round trip
/// each. An entry is trusted for <see cref="Freshness"/> at most, and never once a newer
/// <see cref="OrganisationChanged"/> has been heard of: the instance that projects a change hears of it
/// before its projection commits, every other instance on a queue of its own
/// (<see cref="OrganisationCacheEviction"/>). A read that finds the projection older than a change
/// already heard of is used but not kept, so the cache is never behind the database for longer than a
/// lost notice's <see cref="Freshness"/>.
/// </summary>
public sealed class OrganisationCache(TimeProvider time)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(30);

    // A province has ~50,000 organisations; past this many the cache starts again rather than grow.
    private const int Capacity = 20_000;

    private readonly ConcurrentDictionary<Guid, Entry> entries = new();
    private readonly ConcurrentDictionary<Guid, long> heard = new();

    public ProjectedOrganisation? Find(Guid organisationId) =>
        entries.TryGetValue(organisationId, out var entry) && time.GetUtcNow() - entry.ReadAt < Freshness ? entry.Organisation : null;

    /// <summary>Keeps what a read found, unless a newer change has been heard of.</summary>
    public void Keep(ProjectedOrganisation organisation)
    {
        if (IsBehind(organisation))
        {
            return;
        }

        if (entries.Count >= Capacity)
        {
            entries.Clear();
        }

        var entry = new Entry(organisation, time.GetUtcNow());
        entries[organisation.Id] = entry;

        // A change heard of between the check and the store would otherwise leave this entry standing.
        if (IsBehind(organisation))
        {
            entries.TryRemove(new KeyValuePair<Guid, Entry>(organisation.Id, entry));
        }
    }

    /// <summary>A change to the organisation, at <paramref name="version"/>: what is kept of it is older and goes.</summary>
    public void Heard(Guid organisationId, long version)
    {
        heard.AddOrUpdate(organisationId, version, (_, known) => Math.Max(known, version));
        entries.TryRemove(organisationId, out _);
    }

    /// <summary>Forgets every row kept: the projection was dropped (a rebuild). Other instances let theirs age out.</summary>
    public void Clear() => entries.Clear();

    private bool IsBehind(ProjectedOrganisation organisation) =>
        heard.TryGetValue(organisation.Id, out var newest) && organisation.Version < newest;

    private sealed record Entry(ProjectedOrganisation Organisation, DateTimeOffset ReadAt);
}

/// <summary>
/// Tells this instance's <see cref="OrganisationCache"/> of every organisation change, whichever replica
/// projects it: it listens on a temporary queue of this instance's own, not the service's shared one.
/// </summary>
public sealed class OrganisationCacheEviction(OrganisationCache cache) : IConsumer<OrganisationChanged>
{
    public const string QueueTag = "organisation-cache";

    public Task Consume(ConsumeContext<OrganisationChanged> context)
    {
        cache.Heard(context.Message.Id, context.Message.Version);
        return Task.CompletedTask;
    }
}

public static class ProjectedScopeSetup
{
    /// <summary>
    /// <see cref="ProjectedScope{TContext}"/> for the service's requests, over the in-process
    /// <see cref="OrganisationCache"/> (which the service's messaging then keeps in step).
    /// </summary>
    public static IServiceCollection AddProjectedScope<TContext>(this IServiceCollection services)
        where TContext : DbContext
    {
        services.AddSingleton<OrganisationCache>();
        services.AddScoped<ProjectedScope<TContext>>();
        return services;
    }
}
