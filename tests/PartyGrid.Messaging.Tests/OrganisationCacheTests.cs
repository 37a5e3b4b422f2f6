using Microsoft.Extensions.Time.Testing;
using Microsoft.EntityFrameworkCore;
using PartyGrid.Contracts;
using PartyGrid.ServiceDefaults.Projections;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.Messaging.Tests;

/// <summary>
/// The in-process organisation cache answers only while fresh, and never with a row older than a
/// change already heard of — however the notice and the read interleave.
/// </summary>
public sealed class OrganisationCacheTests
{
    private readonly FakeTimeProvider time = new(TestClock.Start);

    private static ProjectedOrganisation Village(Guid id, long version, OrganisationStatus status = OrganisationStatus.Active) => new()
    {
        Id = id,
        Path = new LTree($"a.{id:N}"),
        Code = "V1",
        Name = "红旗村",
        Tier = OrganisationTier.Village,
        Area = Area.Rural,
        Kind = OrganisationKind.Branch,
        Status = status,
        Version = version,
    };

    [Fact]
    public void A_kept_organisation_is_answered_until_it_is_no_longer_fresh()
    {
        var cache = new OrganisationCache(time);
        var id = Guid.NewGuid();
        Assert.Null(cache.Find(id));

        cache.Keep(Village(id, 3));
        Assert.Equal(3, cache.Find(id)?.Version);

        time.Advance(OrganisationCache.Freshness - TimeSpan.FromSeconds(1));
        Assert.NotNull(cache.Find(id));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(cache.Find(id));
    }

    [Fact]
    public void A_change_heard_of_removes_the_older_row_and_refuses_it_until_the_projection_catches_up()
    {
        var cache = new OrganisationCache(time);
        var id = Guid.NewGuid();
        cache.Keep(Village(id, 3));

        cache.Heard(id, 4);
        Assert.Null(cache.Find(id));

        // A read that still found version 3 (the projection not committed yet) is used once, never kept.
        cache.Keep(Village(id, 3));
        Assert.Null(cache.Find(id));

        cache.Keep(Village(id, 4, OrganisationStatus.Dissolved));
        Assert.Equal(OrganisationStatus.Dissolved, cache.Find(id)?.Status);

        // A late, older notice takes away what it finds but lowers nothing: version 4 is kept again.
        cache.Heard(id, 2);
        Assert.Null(cache.Find(id));
        cache.Keep(Village(id, 4, OrganisationStatus.Dissolved));
        Assert.Equal(4, cache.Find(id)?.Version);
    }
}
