namespace PartyGrid.Assessment.Scoring;

/// <summary>A value for every <see cref="Counter"/>: one organisation's month, a subtree's, or a change to either.</summary>
public sealed class Counts
{
    private readonly long[] values = new long[Counters.All.Count];

    public long this[Counter counter]
    {
        get => values[(int)counter];
        set => values[(int)counter] = value;
    }

    public bool IsZero => values.All(v => v == 0);

    public void Add(Counts other, int sign = 1)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] += sign * other.values[i];
        }
    }

    /// <summary>Adds a later month: its events to these, its coverage (a state, not events) in place of these.</summary>
    public void Roll(Counts later)
    {
        foreach (var counter in Counters.Events)
        {
            this[counter] += later[counter];
        }

        foreach (var (_, organisations, covered) in Counters.Coverage)
        {
            this[organisations] = later[organisations];
            this[covered] = later[covered];
        }
    }

    public Counts Minus(Counts other)
    {
        var difference = new Counts();
        difference.Add(this);
        difference.Add(other, -1);
        return difference;
    }

    public Dictionary<string, long> ToDictionary(bool nonZeroOnly = false) =>
        Counters.All.Where(c => !nonZeroOnly || this[c] != 0).ToDictionary(c => c.JsonName(), c => this[c]);
}

/// <summary>One count an aggregate adds to an organisation's month.</summary>
public readonly record struct Contribution(Guid OrganisationId, AssessmentPeriod Period, Counter Counter, int Amount = 1);
