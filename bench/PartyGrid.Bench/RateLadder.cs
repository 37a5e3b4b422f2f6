using System.Diagnostics;

namespace PartyGrid.Bench;

/// <summary>
/// Open-loop intake at rising fractions of the gateway's closed-loop peak, each step from a settled
/// system, with each step's change → scorecard latency and where the machine's CPU went. "Half the peak"
/// is one guess at a sustainable rate; the ladder shows what the machine actually holds, and at what
/// latency, so a missed latency goal can be read against how busy the two cores were.
/// </summary>
public static class RateLadder
{
    /// <summary>The steps, as fractions of the peak; half the peak is always climbed to (its p99 is a goal).</summary>
    public static readonly double[] Fractions = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];

    public const double HalfPeak = 0.5;

    /// <summary>Intake p99 up to which a step is held: beyond it the queue is growing, not serving.</summary>
    public const double HeldP99Ms = 1000;

    /// <param name="BusyCores">Whole-machine CPU seconds per second while the step's load was offered.</param>
    /// <param name="PartyGridCores">The same for PartyGrid's services and servers (the load generator and the dashboard not included).</param>
    public sealed record Step(double Fraction, SteadyRate.Result Intake, Measured<ChangeToScorecard.Result> Lag, double BusyCores, double PartyGridCores, double LoadGeneratorCores)
    {
        /// <summary>Every submission accepted at the offered rate, none queued for a free slot, and the queue not growing.</summary>
        public bool Held => Intake.Failures == 0 && Intake.Late == 0 && Intake.AchievedRate >= 0.97 * Intake.Rate && Intake.P99 <= HeldP99Ms && Lag.Missing is null;
    }

    /// <param name="settle">Brings the system to rest before a step (no backlog, pages written out).</param>
    /// <param name="offer">Offers intake at a rate for the step's duration.</param>
    /// <param name="lag">Change → scorecard latency of the ticket changes since an instant.</param>
    public static async Task<List<Step>> ClimbAsync(
        double peak, ProcessCpu cpu, Func<Task> settle, Func<double, Task<SteadyRate.Result>> offer, Func<DateTimeOffset, Task<ChangeToScorecard.Result>> lag)
    {
        var steps = new List<Step>();
        foreach (var fraction in Fractions)
        {
            var rate = Math.Floor(peak * fraction);
            Console.WriteLine($"  {fraction:P0} of the peak: {rate:N0}/s …");
            await settle();
            var since = DateTimeOffset.UtcNow;
            var before = cpu.Sample();
            var started = Stopwatch.GetTimestamp();
            var intake = await offer(rate);
            var used = ProcessCpu.Between(before, cpu.Sample());
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var partyGrid = MemoryWatch.Processes.Sum(p => used.GetValueOrDefault(p));
            var step = new Step(
                fraction,
                intake,
                await Measured.TryAsync($"change → scorecard at {rate:N0}/s", () => lag(since)),
                used[ProcessCpu.Everything] / seconds,
                partyGrid / seconds,
                used[ProcessCpu.LoadGenerator] / seconds);
            steps.Add(step);
            if (!step.Held && fraction >= HalfPeak)
            {
                break;
            }
        }

        return steps;
    }

    /// <summary>The fastest step held, if any was.</summary>
    public static Step? HighestHeld(IEnumerable<Step> steps) => steps.Where(s => s.Held).MaxBy(s => s.Intake.Rate);

    /// <summary>The fastest step held with intake p99 within <paramref name="p99Ms"/>, if any was.</summary>
    public static Step? HighestWithin(IEnumerable<Step> steps, double p99Ms) => steps.Where(s => s.Held && s.Intake.P99 <= p99Ms).MaxBy(s => s.Intake.Rate);
}
