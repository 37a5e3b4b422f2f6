using System.Diagnostics;

namespace PartyGrid.Bench;

/// <summary>A fixed number of operations by a fixed number of concurrent workers: throughput and latency percentiles.</summary>
public static class Load
{
    public sealed record Result(int Operations, int Concurrency, double Seconds, double PerSecond, double P50, double P99, double Max, int Failures);

    public static async Task<Result> RunAsync(int operations, int concurrency, Func<int, Task<bool>> operation)
    {
        var samples = new double[operations];
        var next = -1;
        var failures = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < operations)
            {
                var begun = Stopwatch.GetTimestamp();
                if (!await operation(i))
                {
                    Interlocked.Increment(ref failures);
                }

                samples[i] = Stopwatch.GetElapsedTime(begun).TotalMilliseconds;
            }
        }));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Array.Sort(samples);
        return new Result(operations, concurrency, seconds, operations / seconds, Percentiles.Of(samples, 0.50), Percentiles.Of(samples, 0.99), samples[^1], failures);
    }
}
