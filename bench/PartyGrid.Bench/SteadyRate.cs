using System.Diagnostics;

namespace PartyGrid.Bench;

/// <summary>
/// Open-loop load: operation i is due at start + i / rate whether or not earlier ones have answered,
/// and its latency counts from when it was due, so a stall shows as latency instead of silently
/// lowering the rate (no coordinated omission). At most <c>maxInFlight</c> run at once.
/// </summary>
public static class SteadyRate
{
    /// <param name="ByOperation">Each operation's latency in ms, in the order they were due.</param>
    public sealed record Result(double Rate, double AchievedRate, int Operations, double P50, double P99, double Max, int Failures, int Late, double[] ByOperation);

    public static async Task<Result> RunAsync(double rate, TimeSpan duration, int maxInFlight, Func<int, Task<bool>> operation)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var samples = new double[total];
        var failures = 0;
        var late = 0;
        using var slots = new SemaphoreSlim(maxInFlight);
        var running = new List<Task>(total);
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            var wait = due - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            if (!slots.Wait(0))
            {
                Interlocked.Increment(ref late); // every slot busy: the system is behind the rate
                await slots.WaitAsync();
            }

            var index = i;
            running.Add(Task.Run(async () =>
            {
                try
                {
                    if (!await operation(index))
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failures);
                }
                finally
                {
                    samples[index] = (Stopwatch.GetElapsedTime(started) - due).TotalMilliseconds;
                    slots.Release();
                }
            }));
        }

        await Task.WhenAll(running);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var sorted = samples.Order().ToArray();
        return new Result(rate, total / seconds, total, Percentiles.Of(sorted, 0.50), Percentiles.Of(sorted, 0.99), sorted[^1], failures, late, samples);
    }
}
