using WorkflowEngine.Runtime.Processing;

namespace WorkflowEngine.Runtime.Tests;

/// <summary>
/// The loop the timer poller, the outbox relay and the notification relay share: a backlog is worked without waits,
/// a wake-up cuts a wait short, a failed round does not end the loop, and stopping ends it after its last round.
/// </summary>
public sealed class LeasedPollerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private sealed class Signal : WakeSignal;

    /// <summary>A poller whose rounds report a full batch <paramref name="fullBatches"/> times, then throw once where asked.</summary>
    private sealed class Probe(TimeSpan interval, int fullBatches, bool failOnce = false, WakeSignal? wake = null) : LeasedPoller
    {
        private int _failures = failOnce ? 1 : 0;

        public int Rounds;
        public int Idle;
        public int Stopped;
        public readonly List<Exception> Failures = [];

        protected override TimeSpan PollInterval => interval;

        protected override WakeSignal? Wake => wake;

        protected override Task<bool> RoundAsync(CancellationToken cancellationToken)
        {
            var round = Interlocked.Increment(ref Rounds);
            if (Interlocked.Exchange(ref _failures, 0) == 1)
            {
                throw new InvalidOperationException("database unreachable");
            }

            return Task.FromResult(round <= fullBatches);
        }

        protected override Task IdleAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Idle);
            return Task.CompletedTask;
        }

        protected override Task StoppedAsync()
        {
            Interlocked.Increment(ref Stopped);
            return Task.CompletedTask;
        }

        protected override void Failed(Exception exception) => Failures.Add(exception);
    }

    /// <summary>Waits until the probe has had <paramref name="count"/> rounds in all.</summary>
    private static async Task RoundsAsync(Probe probe, int count)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (Volatile.Read(ref probe.Rounds) < count)
        {
            Assert.True(TimeProvider.System.GetElapsedTime(started) < Patience, $"{count} rounds did not come; {probe.Rounds} did");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task FullBatches_AreWorkedWithoutAWait_AWakeUpCutsTheWaitShort_AndStoppingEndsTheLoop()
    {
        using var wake = new Signal();
        var probe = new Probe(TimeSpan.FromHours(1), fullBatches: 3, wake: wake);

        await probe.StartAsync(CancellationToken.None);
        // Three full batches and the round that finds the rest: none waits the hour.
        await RoundsAsync(probe, 4);
        wake.Notify();
        await RoundsAsync(probe, 5);
        await probe.StopAsync(CancellationToken.None);

        Assert.Equal(5, probe.Rounds);
        Assert.Equal(0, probe.Idle);
        Assert.Equal(1, probe.Stopped);
        Assert.Empty(probe.Failures);
    }

    [Fact]
    public async Task AWaitThatRunsOut_IsIdle_AndAFailedRound_IsReported_AndTheNextComesAfterTheInterval()
    {
        var probe = new Probe(TimeSpan.FromMilliseconds(20), fullBatches: 0, failOnce: true);

        await probe.StartAsync(CancellationToken.None);
        await RoundsAsync(probe, 3);
        await probe.StopAsync(CancellationToken.None);

        Assert.Equal("database unreachable", Assert.Single(probe.Failures).Message);
        Assert.True(probe.Idle >= 1, "a wait without a wake-up was not reported idle");
        Assert.True(probe.Rounds >= 3);
    }
}
