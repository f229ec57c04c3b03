namespace WorkflowEngine.Core.Clocks;

/// <summary>A stretch of a clock's life: running (<see cref="Pause"/> null) or paused; <see cref="To"/> null while it lasts.</summary>
public sealed record ClockPeriod(DateTimeOffset From, DateTimeOffset? To, ClockEvent? Pause)
{
    public bool IsPause => Pause is not null;
}
