using WorkflowEngine.Core.Activities;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Core.Clocks;

/// <summary>
/// The clocks of one application: the bundle's, then each stage's and step's in the definition's order. A step's or
/// stage's <c>limit</c> is its promised limit, its <c>statutoryLimit</c> (where the definition gives one) its statutory; either
/// may be absent, not both.
/// </summary>
public static class ApplicationClocks
{
    public static IReadOnlyList<Clock> Of(WorkflowDefinition definition, InstanceState state, ActivityRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(registry);
        var clocks = new List<Clock>
        {
            new(ClockKind.Bundle, definition.Id, definition.Title.Zh, definition.Limits.Promised, definition.Limits.Statutory, state.Clock ?? [],
                DeadlineWarnings.YellowShareOf(definition)),
        };
        foreach (var node in definition.Flow.DescendantsAndSelf())
        {
            if (!registry.TryGet(node.ActivityKey, out var activity) || !activity.Descriptor.Tracked || activity.LimitOf(node) is null)
            {
                continue;
            }

            var nodeState = state.Find(node.Id);
            if (nodeState is not null && nodeState.Clock is not { Count: > 0 })
            {
                // Reached but never timed: skipped by its condition, or cancelled before it started.
                continue;
            }

            clocks.Add(new Clock(activity.Descriptor.HasChildren ? ClockKind.Stage : ClockKind.Step, node.Id, node.DisplayTitle, activity.PromisedLimitOf(node), node.StatutoryLimit,
                nodeState?.Clock ?? [], DeadlineWarnings.YellowShareOf(definition, node)));
            if (nodeState?.Commitment?.VerificationClockEvents() is { Count: > 0 } verification)
            {
                var (promised, statutory) = VerificationLimitsOf(node, activity);
                clocks.Add(new Clock(ClockKind.Verification, VerificationClockId(node.Id), $"事后核查：{node.DisplayTitle}", promised, statutory, verification,
                    DeadlineWarnings.YellowShareOf(definition, node)));
            }
        }

        return clocks;
    }

    /// <summary>The id of the clock of a step's verification task (事后核查): the step's, with <c>:verify</c> after it.</summary>
    public static string VerificationClockId(string nodeId) => nodeId + CommitmentState.TimerSuffix;

    /// <summary>
    /// The limits a step's verification task (事后核查) is held to: the commitment's <c>verificationLimit</c> alone where the
    /// definition sets one, else the step's own promised and statutory limits.
    /// </summary>
    public static (WorkingTimeLimit? Promised, WorkingTimeLimit? Statutory) VerificationLimitsOf(StepNode node, IActivity activity)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(activity);
        return (node.Settings as ICommitmentSettings)?.Commitment?.VerificationLimit is { } own ? (own, null) : (activity.PromisedLimitOf(node), node.StatutoryLimit);
    }

    /// <summary>The bundle's promised and statutory due times derived from its clock; null where a limit is absent or the clock has none.</summary>
    public static (DateTimeOffset? Promised, DateTimeOffset? Statutory) BundleDue(WorkflowDefinition definition, InstanceState state, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(state);
        var timeline = ClockTimeline.Of(state.Clock);
        return (
            definition.Limits.Promised is { } promised ? ClockArithmetic.DueAt(timeline, promised, calendar, null) : null,
            definition.Limits.Statutory is { } statutory ? ClockArithmetic.DueAt(timeline, statutory, calendar, null) : null);
    }
}
