using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;

namespace WorkflowEngine.Core.Compliance;

/// <summary>
/// The engine's recomputation of a decided step's compliance, on its own calendar and clock events, and its comparison
/// with the department host's report. Pure: the same inputs always give the same kinds.
/// </summary>
public static class ComplianceCheck
{
    /// <summary>How far apart two due times, or a host's instant and the engine's, may be before it counts (clocks drift, messages take time).</summary>
    public static readonly TimeSpan SkewTolerance = TimeSpan.FromMinutes(5);

    /// <summary>How much earlier than the host sent its report a decision may be dated before it counts as back-filled.</summary>
    public static readonly TimeSpan BackfillTolerance = TimeSpan.FromHours(1);

    /// <summary>How many office minutes the two counts of working time used, or of working time paused, may differ by.</summary>
    public const int WorkingMinutesTolerance = 30;

    /// <summary>
    /// The engine's view of a step decided at <paramref name="completedAt"/>: received and claimed as the department's
    /// reports reached it (received falls back to the dispatch), its own due time, and the office time the clock ran and
    /// stood still from the dispatch to the decision.
    /// </summary>
    public static ComplianceView Recompute(
        IReadOnlyList<ClockEvent>? clock,
        DateTimeOffset dispatchedAt,
        DateTimeOffset? receivedAt,
        DateTimeOffset? claimedAt,
        DateTimeOffset completedAt,
        DateTimeOffset? dueAt,
        WorkingCalendar calendar) =>
        Recompute(ClockTimeline.Of(clock), dispatchedAt, receivedAt, claimedAt, completedAt, dueAt, calendar);

    /// <summary>The same, from the clock's timeline when the caller has already read it.</summary>
    public static ComplianceView Recompute(
        ClockTimeline timeline,
        DateTimeOffset dispatchedAt,
        DateTimeOffset? receivedAt,
        DateTimeOffset? claimedAt,
        DateTimeOffset completedAt,
        DateTimeOffset? dueAt,
        WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(calendar);
        var used = TimeSpan.Zero;
        var paused = TimeSpan.Zero;
        foreach (var period in timeline.Periods)
        {
            var to = period.To is { } end && end < completedAt ? end : completedAt;
            if (to <= period.From)
            {
                continue;
            }

            var office = calendar.WorkingTimeBetween(period.From, to);
            if (period.IsPause)
            {
                paused += office;
            }
            else
            {
                used += office;
            }
        }

        return new ComplianceView(
            receivedAt ?? dispatchedAt,
            claimedAt,
            completedAt,
            dueAt,
            (int)Math.Round(used.TotalMinutes),
            (int)Math.Round(paused.TotalMinutes),
            dueAt is null || completedAt <= dueAt);
    }

    /// <summary>
    /// Where the host's report disagrees with the engine's view: <paramref name="dispatchedAt"/> is when the engine sent
    /// the step, <paramref name="sentAt"/> when the host says it sent its report (null from hosts that do not say), and
    /// <paramref name="reportedAt"/> when the report reached the engine. A decision is back-filled when it is dated long
    /// before the host sent it: a report the bus or a stopped engine held back is late, not back-filled. Without a
    /// sending time the arrival stands in for it. Without a host block only the on-time flag (every version of the
    /// message carries it) can disagree.
    /// </summary>
    public static IReadOnlyList<string> Compare(
        ComplianceView engine, ComplianceView? host, bool? reportedOnTime, DateTimeOffset dispatchedAt, DateTimeOffset? sentAt, DateTimeOffset reportedAt)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var kinds = new List<string>();
        if ((host?.OnTime ?? reportedOnTime) is { } onTime && onTime != engine.OnTime)
        {
            kinds.Add(ComplianceKinds.OnTimeDiffers);
        }

        if (host is null)
        {
            return kinds;
        }

        if (host.DueAt is { } hostDue && engine.DueAt is { } engineDue && (hostDue - engineDue).Duration() > SkewTolerance)
        {
            kinds.Add(ComplianceKinds.DueDiffers);
        }

        var sent = sentAt ?? reportedAt;
        if (host.CompletedAt > sent + SkewTolerance || sent > reportedAt + SkewTolerance || host.ReceivedAt < dispatchedAt - SkewTolerance)
        {
            kinds.Add(ComplianceKinds.ClockSkew);
        }

        if (sent - host.CompletedAt > BackfillTolerance)
        {
            kinds.Add(ComplianceKinds.Backfilled);
        }

        if (host.WorkingMinutesUsed is { } hostUsed && engine.WorkingMinutesUsed is { } engineUsed
            && Math.Abs(hostUsed - engineUsed) > WorkingMinutesTolerance)
        {
            kinds.Add(ComplianceKinds.WorkingTimeDiffers);
        }

        if (host.WorkingMinutesPaused is { } hostPaused && engine.WorkingMinutesPaused is { } enginePaused
            && Math.Abs(hostPaused - enginePaused) > WorkingMinutesTolerance)
        {
            kinds.Add(ComplianceKinds.PausedTimeDiffers);
        }

        return kinds;
    }
}
