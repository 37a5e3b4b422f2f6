using System.Diagnostics;

namespace PartyGrid.Bench;

/// <summary>Runs an operation repeatedly, one at a time, and reports percentiles of its wall time.</summary>
public static class Latency
{
    public static async Task<(double P50, double P99, double Max)> MeasureAsync(int times, Func<int, Task> operation)
    {
        var samples = new double[times];
        for (var i = 0; i < times; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await operation(i);
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(samples);
        return (Percentiles.Of(samples, 0.50), Percentiles.Of(samples, 0.99), samples[^1]);
    }
}
