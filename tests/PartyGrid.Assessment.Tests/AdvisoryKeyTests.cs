using PartyGrid.Assessment.Scoring;

namespace PartyGrid.Assessment.Tests;

public sealed class AdvisoryKeyTests
{
    [Fact]
    public void Ids_created_in_the_same_millisecond_get_different_lock_keys()
    {
        var now = DateTimeOffset.UtcNow;
        var ids = Enumerable.Range(0, 1000).Select(_ => Guid.CreateVersion7(now)).ToArray();
        Assert.Equal(ids.Length, ids.Select(AdvisoryKey.Of).Distinct().Count());
        Assert.True(ids.Select(AdvisoryKey.Of32).Distinct().Count() >= ids.Length - 1);
        Assert.Equal(AdvisoryKey.Of(ids[0]), AdvisoryKey.Of(new Guid(ids[0].ToString())));
    }
}
