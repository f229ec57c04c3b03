namespace WorkflowEngine.Runtime.Timers;

/// <summary>Due timers, leased so that several engine processes never fire the same one twice.</summary>
public interface ITimerStore
{
    Task<IReadOnlyList<TimerRecord>> LeaseDueAsync(string owner, DateTimeOffset now, TimeSpan leaseFor, int max, CancellationToken cancellationToken);

    /// <summary>The earliest due time of any timer, leased or not (a cheap read before leasing).</summary>
    Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken);
}
