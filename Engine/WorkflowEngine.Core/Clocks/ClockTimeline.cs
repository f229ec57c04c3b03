namespace WorkflowEngine.Core.Clocks;

/// <summary>
/// A clock's log read into periods. Entries that make no sense where they stand (a resume while running, anything
/// after the stop) change nothing; an entry dated before the one before it counts at that one's time, so that a
/// report arriving late never runs the clock backwards.
/// </summary>
public sealed class ClockTimeline
{
    private ClockTimeline(
        DateTimeOffset? startedAt, DateTimeOffset? stoppedAt, IReadOnlyList<ClockPeriod> periods, IReadOnlyList<ClockEvent> extensions)
    {
        StartedAt = startedAt;
        StoppedAt = stoppedAt;
        Periods = periods;
        Extensions = extensions;
    }

    public DateTimeOffset? StartedAt { get; }

    public DateTimeOffset? StoppedAt { get; }

    /// <summary>Running and paused stretches in order, from the start to the stop (the last one open while the clock goes on).</summary>
    public IReadOnlyList<ClockPeriod> Periods { get; }

    public IReadOnlyList<ClockEvent> Extensions { get; }

    public ClockStatus Status =>
        StartedAt is null ? ClockStatus.NotStarted
        : StoppedAt is not null ? ClockStatus.Stopped
        : Periods[^1].IsPause ? ClockStatus.Paused
        : ClockStatus.Running;

    /// <summary>The pause the clock stands in now, if it does.</summary>
    public ClockEvent? CurrentPause => Status == ClockStatus.Paused ? Periods[^1].Pause : null;

    public static ClockTimeline Of(IReadOnlyList<ClockEvent>? events)
    {
        DateTimeOffset? started = null;
        DateTimeOffset? stopped = null;
        var periods = new List<ClockPeriod>();
        var extensions = new List<ClockEvent>();
        var last = DateTimeOffset.MinValue;
        foreach (var e in events ?? [])
        {
            var at = e.At > last ? e.At : last;
            last = at;
            if (stopped is not null || (started is null && e.Kind != ClockEventKind.Start))
            {
                continue;
            }

            var open = periods.Count > 0 ? periods[^1] : null;
            switch (e.Kind)
            {
                case ClockEventKind.Start when started is null:
                    started = at;
                    periods.Add(new ClockPeriod(at, null, null));
                    break;
                case ClockEventKind.Pause when open is { IsPause: false }:
                    periods[^1] = open with { To = at };
                    periods.Add(new ClockPeriod(at, null, e));
                    break;
                case ClockEventKind.Resume when open is { IsPause: true }:
                    periods[^1] = open with { To = at };
                    periods.Add(new ClockPeriod(at, null, null));
                    break;
                case ClockEventKind.EndChanged when open is { IsPause: true }:
                    // The pause keeps its start and reason; only when it ends by itself moves.
                    periods[^1] = open with { Pause = open.Pause! with { Until = e.Until } };
                    break;
                case ClockEventKind.Extend when e.Added is { IsWellFormed: true }:
                    extensions.Add(e);
                    break;
                case ClockEventKind.Stop:
                    stopped = at;
                    periods[^1] = open! with { To = at };
                    break;
            }
        }

        return new ClockTimeline(started, stopped, periods, extensions);
    }
}
