using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyGrid.Assessment.Data;
using PartyGrid.Assessment.Scoring;

namespace PartyGrid.Assessment.Tests;

public sealed class LeagueTableTests
{
    [Fact]
    public void Equal_scores_share_a_rank_the_lists_take_five_each_and_the_unscored_come_last()
    {
        var scores = new decimal?[] { 90, 80, 80, 70, 65, 60, 55, 50, 45, 40, 35, 30, null };
        var entries = LeagueTable.Rank(scores.Select((s, i) => (Guid.NewGuid(), $"org{i:D2}", s)));
        Assert.Equal([1, 2, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, null], entries.Select(e => e.Rank));
        Assert.Equal(5, entries.Count(e => e.List == "red"));
        Assert.Equal(5, entries.Count(e => e.List == "black"));
        Assert.Equal(["red", "red", "red", "red", "red", null, null, "black", "black", "black", "black", "black", null], entries.Select(e => e.List));
    }

    [Fact]
    public void Organisations_tied_at_the_edge_of_a_list_share_it()
    {
        // Ties inside a list change nothing: ranks 1, 2, 3, 4, 4 are red, the last five (a tie at rank 8 among them) black.
        var scores = new decimal?[] { 95, 90, 85, 80, 80, 75, 70, 60, 60, 50, 40, 30 };
        var entries = LeagueTable.Rank(scores.Select((s, i) => (Guid.NewGuid(), $"org{i:D2}", s)));
        Assert.Equal([1, 2, 3, 4, 4, 6, 7, 8, 8, 10, 11, 12], entries.Select(e => e.Rank));
        Assert.Equal(["red", "red", "red", "red", "red", null, null, "black", "black", "black", "black", "black"], entries.Select(e => e.List));

        // Rank 4 shared by the fourth, fifth and sixth: all red, the list runs to six.
        var edge = LeagueTable.Rank(new decimal?[] { 95, 90, 85, 80, 80, 80, 70, 60, 50, 40, 30, 20 }.Select((s, i) => (Guid.NewGuid(), $"org{i:D2}", s)));
        Assert.Equal(["red", "red", "red", "red", "red", "red", null, "black", "black", "black", "black", "black"], edge.Select(e => e.List));

        // A tie at the black edge: the two 60s are sixth and fifth from the bottom; both are black, the list runs to six.
        var bottom = LeagueTable.Rank(new decimal?[] { 95, 90, 85, 80, 75, 70, 60, 60, 40, 30, 20, 10 }.Select((s, i) => (Guid.NewGuid(), $"org{i:D2}", s)));
        Assert.Equal(["red", "red", "red", "red", "red", null, "black", "black", "black", "black", "black", "black"], bottom.Select(e => e.List));
    }

    [Fact]
    public void With_few_scored_no_organisation_is_on_both_lists()
    {
        var entries = LeagueTable.Rank([(Guid.NewGuid(), "a", 50m), (Guid.NewGuid(), "b", 60m), (Guid.NewGuid(), "c", 70m)]);
        Assert.Equal(["c", "b", "a"], entries.Select(e => e.Name));
        Assert.Equal(["red", null, "black"], entries.Select(e => e.List));
        Assert.Null(LeagueTable.Rank([(Guid.NewGuid(), "only", 10m)]).Single().List);
    }

    [Theory]
    [InlineData("2026-11", true)]
    [InlineData("2026-1", false)]
    [InlineData("2026-00", false)]
    [InlineData("2026-13", false)]
    [InlineData("1999-12", false)]
    [InlineData("2026/11", false)]
    [InlineData("+026-11", false)]
    public void Periods_are_months_written_yyyy_MM(string text, bool valid) =>
        Assert.Equal(valid, AssessmentPeriod.TryParse(text, out _));

    [Fact]
    public void A_moment_belongs_to_its_month_in_China_time() =>
        Assert.Equal("2026-12", AssessmentPeriod.Of(new DateTimeOffset(2026, 11, 30, 16, 30, 0, TimeSpan.Zero)).ToString());

    [Fact]
    public void A_floor_zeroes_an_indicator_and_lower_is_better_for_escalation_and_reopening()
    {
        var scheme = AssessmentScheme.Default with
        {
            Weights = new Dictionary<Indicator, decimal> { [Indicator.ResponseRate] = 0.5m, [Indicator.ReopenRate] = 0.5m },
            Floors = new Dictionary<Indicator, decimal> { [Indicator.ResponseRate] = 0.6m, [Indicator.ReopenRate] = 0.9m },
        };
        Assert.Equal(85m, scheme.Score(new Dictionary<Indicator, decimal?> { [Indicator.ResponseRate] = 0.8m, [Indicator.ReopenRate] = 0.1m }));
        Assert.Equal(45m, scheme.Score(new Dictionary<Indicator, decimal?> { [Indicator.ResponseRate] = 0.5m, [Indicator.ReopenRate] = 0.1m }));
        Assert.Equal(40m, scheme.Score(new Dictionary<Indicator, decimal?> { [Indicator.ResponseRate] = 0.8m, [Indicator.ReopenRate] = 0.2m }));
        Assert.Equal(80m, scheme.Score(new Dictionary<Indicator, decimal?> { [Indicator.ResponseRate] = 0.8m, [Indicator.ReopenRate] = null }));
        Assert.Null(scheme.Score(new Dictionary<Indicator, decimal?>()));
    }
}

[Collection(AssessmentServiceCollection.Name)]
public sealed class CountTableTests(AssessmentService service)
{
    [Fact]
    public void Both_count_tables_have_a_column_for_each_counter_and_no_other()
    {
        using var scope = service.Host.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<AssessmentDbContext>().Model;
        foreach (var table in new[] { typeof(PeriodCountRow), typeof(FrozenCountRow) })
        {
            var columns = model.FindEntityType(table)!.GetProperties().Select(p => p.GetColumnName()).Except(["organisation_id", "period"]).Order();
            Assert.Equal(Counters.All.Select(c => c.Column()).Order(), columns);
        }
    }
}
