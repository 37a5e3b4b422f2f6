using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PartyGrid.ServiceDefaults.Hosting;
using Xunit;

namespace PartyGrid.Messaging.Tests;

/// <summary>
/// A run asked for while another is going waits for it. Otherwise the second one skips the rows the
/// first holds locked (<c>FOR UPDATE SKIP LOCKED</c>) and its caller reads them before they are committed.
/// </summary>
public sealed class PeriodicJobTests
{
    [Fact]
    public async Task A_run_asked_for_during_another_starts_only_when_that_one_has_finished()
    {
        var job = new GatedJob();
        var first = job.RunOnceAsync(CancellationToken.None);
        var second = job.RunOnceAsync(CancellationToken.None);

        // Without the guard both calls would be inside the work by now: it counts before its first await.
        Assert.Equal(1, job.Entered);
        Assert.False(second.IsCompleted);

        job.Gate.SetResult();
        Assert.Equal(1, await first);
        Assert.Equal(2, await second);
        Assert.Equal(2, job.Entered);
        Assert.Equal(1, job.MostAtOnce);
    }

    [Fact]
    public async Task A_failed_run_does_not_keep_the_next_one_waiting()
    {
        var job = new GatedJob();
        job.Gate.SetException(new InvalidOperationException("the database went away"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => job.RunOnceAsync(CancellationToken.None));

        job.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        job.Gate.SetResult();

        // A guard left taken would hang here; a minute turns that into a failure.
        Assert.Equal(2, await job.RunOnceAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1)));
    }

    private sealed class GatedJob() : PeriodicJob(new FakeTimeProvider(), NullLogger.Instance)
    {
        private int running;

        public TaskCompletionSource Gate { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Entered { get; private set; }

        public int MostAtOnce { get; private set; }

        protected override TimeSpan Interval => TimeSpan.FromHours(1);

        protected override string Work => "Gated test work";

        protected override async Task<int> RunAsync(CancellationToken cancellationToken)
        {
            Entered++;
            MostAtOnce = Math.Max(MostAtOnce, Interlocked.Increment(ref running));
            try
            {
                await Gate.Task;
                return Entered;
            }
            finally
            {
                Interlocked.Decrement(ref running);
            }
        }
    }
}
