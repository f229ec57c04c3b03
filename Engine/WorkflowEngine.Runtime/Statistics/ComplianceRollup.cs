using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Runtime.Applications;

namespace WorkflowEngine.Runtime.Statistics;

/// <summary>
/// The entries a finish adds to the compliance rollup, which the statistics endpoint sums instead of reading every
/// finished step: a department step decided, an approval on commitment revoked, a bundle completed or rejected. Pure;
/// the engine writes the entries in the commit that records the finish.
/// </summary>
public static class ComplianceRollup
{
    public const string StepKind = "step";

    public const string BundleKind = "bundle";

    /// <summary>The rollup's month of an instant: yyyyMM in Asia/Shanghai.</summary>
    public static int MonthOf(DateTimeOffset instant)
    {
        var date = ChinaTime.DateOf(instant);
        return date.Year * 100 + date.Month;
    }

    /// <summary>
    /// A department step decided at its <see cref="NodeState.CompletedAt"/>, on time if its clock says so.
    /// <paramref name="statutoryDueAt"/> is its statutory due time where it has one; null means not applicable.
    /// <paramref name="hasPromise"/> is false for a step held to its statutory limit alone: its clock's due time is then
    /// the statutory one, and it counts against that limit only.
    /// </summary>
    public static RollupEntry Decided(
        string serviceId, NodeState step, WorkingCalendar calendar, DateTimeOffset? statutoryDueAt = null, bool hasPromise = true)
    {
        ArgumentNullException.ThrowIfNull(step);
        var completed = step.CompletedAt ?? throw new ArgumentException("The step has not finished.", nameof(step));
        var split = Split(step.Clock, step.ReceivedAt ?? step.StartedAt, completed, calendar);
        var promised = hasPromise && step.DueAt is not null && step.OnTime is not null;
        return new RollupEntry(
            StepKind, MonthOf(completed), step.Department ?? "", serviceId, 1,
            step.Outcome == StepOutcome.Approved ? 1 : 0, step.Outcome == StepOutcome.Rejected ? 1 : 0, 0,
            promised ? 1 : 0, promised && step.OnTime == true ? 1 : 0,
            statutoryDueAt is null ? 0 : 1, statutoryDueAt is { } statutory && completed <= statutory ? 1 : 0,
            split is null ? 0 : 1, split?.GovernmentMinutes ?? 0, split?.ApplicantMinutes ?? 0, split?.ExcludedMinutes ?? 0,
            split is null ? -1 : HandlingBuckets.Of(split.GovernmentMinutes));
    }

    /// <summary>
    /// An approval on commitment (告知承诺) revoked at its verification: it stays decided in the month of its approval,
    /// with that decision's timeliness, but counts as revoked instead of approved.
    /// </summary>
    public static RollupEntry Revoked(string department, string serviceId, DateTimeOffset approvedAt) =>
        new(StepKind, MonthOf(approvedAt), department, serviceId, 0, -1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, -1);

    /// <summary>A bundle completed or rejected at <paramref name="finishedAt"/>, against its promised and statutory due times.</summary>
    public static RollupEntry Finished(ApplicationRecord application, bool completed, DateTimeOffset finishedAt, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(application);
        var split = Split(application.State.Clock, application.AcceptedAt, finishedAt, calendar);
        return new RollupEntry(
            BundleKind, MonthOf(finishedAt), "", application.ServiceId, 1, completed ? 1 : 0, completed ? 0 : 1, 0,
            application.DueAt is null ? 0 : 1, application.DueAt is { } due && finishedAt <= due ? 1 : 0,
            application.StatutoryDueAt is null ? 0 : 1, application.StatutoryDueAt is { } statutory && finishedAt <= statutory ? 1 : 0,
            split is null ? 0 : 1, split?.GovernmentMinutes ?? 0, split?.ApplicantMinutes ?? 0, split?.ExcludedMinutes ?? 0,
            split is null ? -1 : HandlingBuckets.Of(split.GovernmentMinutes));
    }

    /// <summary>
    /// A bundle counted as completed whose outcome a revoked approval on commitment changed afterwards, in the month and
    /// service it was counted in. Rejected: it stays finished there, with its timeliness, and moves from approved to
    /// rejected, as the applications' own figures have it. Cancelled: it leaves the bundle figures, as cancelled
    /// applications never enter them — the entry its completion added, taken back.
    /// </summary>
    public static RollupEntry Overturned(ApplicationRecord application, bool rejected, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(application);
        var completedAt = application.CompletedAt ?? throw new ArgumentException("The bundle has not finished.", nameof(application));
        if (rejected)
        {
            return new RollupEntry(BundleKind, MonthOf(completedAt), "", application.ServiceId, 0, -1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1);
        }

        var counted = Finished(application, true, completedAt, calendar);
        return counted with
        {
            Finished = -counted.Finished,
            Approved = -counted.Approved,
            PromisedCounted = -counted.PromisedCounted,
            PromisedOnTime = -counted.PromisedOnTime,
            StatutoryCounted = -counted.StatutoryCounted,
            StatutoryOnTime = -counted.StatutoryOnTime,
            Timed = -counted.Timed,
            GovernmentMinutes = -counted.GovernmentMinutes,
            ApplicantMinutes = -counted.ApplicantMinutes,
            ExcludedMinutes = -counted.ExcludedMinutes,
            BucketCount = -1,
        };
    }

    /// <summary>
    /// The office time of a clock up to <paramref name="to"/>, by whom it waited on. Without a clock (an application
    /// started before clocks were kept) all of it from <paramref name="from"/> counts as the government's; without
    /// either, nothing is known (null).
    /// </summary>
    public static ClockSplit? Split(IReadOnlyList<ClockEvent>? clock, DateTimeOffset? from, DateTimeOffset to, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var timeline = ClockTimeline.Of(clock);
        if (timeline.Periods.Count == 0)
        {
            return from is { } start && start <= to ? new ClockSplit(Minutes(calendar.WorkingTimeBetween(start, to)), 0, 0) : null;
        }

        var government = TimeSpan.Zero;
        var applicant = TimeSpan.Zero;
        var excluded = TimeSpan.Zero;
        foreach (var period in timeline.Periods)
        {
            var end = period.To is { } until && until < to ? until : to;
            if (end <= period.From)
            {
                continue;
            }

            var office = calendar.WorkingTimeBetween(period.From, end);
            switch (period.Pause?.Reason)
            {
                case null when !period.IsPause:
                    government += office;
                    break;
                case PauseReason.ExcludedPeriod:
                    excluded += office;
                    break;
                default:
                    applicant += office;
                    break;
            }
        }

        return new ClockSplit(Minutes(government), Minutes(applicant), Minutes(excluded));
    }

    private static int Minutes(TimeSpan span) => (int)Math.Round(span.TotalMinutes);
}
