using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Core.Activities;

/// <summary>
/// Keeps the clocks that enclose steps — each stage's and the bundle's — standing still exactly while every step open
/// under them stands still. A step's clock stops for the applicant (补正, a late material) or for a period the law does
/// not count (testing, inspection, expert review, hearing; 行政许可法 Art. 45); while any step under a stage runs, the
/// government is still working on that stage, and its clock runs too. So a stage or bundle pauses when its last running
/// step pauses, at that step's pause time, and runs again when the first of them runs again (or a new step starts), at
/// that time: the enclosing due time moves by exactly the working time during which nothing was being worked on.
/// </summary>
internal static class EnclosingClocks
{
    /// <summary>Pauses or resumes each running stage's clock and the bundle's as the steps under them now stand.</summary>
    public static void Follow(ExecutionScope scope)
    {
        if (scope.State.Status != WorkflowStatus.Running)
        {
            return;
        }

        foreach (var node in scope.Definition.Flow.DescendantsAndSelf())
        {
            if (node.Children.Count == 0
                || scope.Peek(node.Id) is not { Status: NodeStatus.Active, Clock.Count: > 0 } state
                || scope.LimitOf(node) is not { } limit)
            {
                continue;
            }

            if (Follow(scope, node, state.Clock) is { } entry && scope.RecordClock(node, entry, limit))
            {
                // The stage's own overdue timer follows its due time.
                scope.ScheduleSignal(node, new EnclosedStepsChangedEvent());
            }
        }

        if (scope.State.Clock is { Count: > 0 } bundle && Follow(scope, scope.Definition.Flow, bundle) is { } bundleEntry)
        {
            bundle.Add(bundleEntry);
        }
    }

    /// <summary>The entry an enclosing clock needs to match the steps under <paramref name="node"/>, or null when it matches.</summary>
    private static ClockEvent? Follow(ExecutionScope scope, StepNode node, List<ClockEvent> clock)
    {
        var status = ClockTimeline.Of(clock).Status;
        if (status is not (ClockStatus.Running or ClockStatus.Paused))
        {
            return null;
        }

        var open = OpenLeaves(scope, node);
        var standing = open.Count > 0 && open.TrueForAll(t => t.Status == ClockStatus.Paused);
        if (status == ClockStatus.Running && standing)
        {
            var pauses = open.Select(t => (t.Title, t.TitleEn, Period: t.Timeline!.Periods[^1])).ToList();
            var reasons = pauses.Select(p => p.Period.Pause!.Reason).ToList();
            // Waiting on the applicant is named first: it is the time the applicant can end.
            var reason = reasons.Contains(PauseReason.SupplementRequested) ? PauseReason.SupplementRequested
                : reasons.Contains(PauseReason.MaterialOverdue) ? PauseReason.MaterialOverdue
                : PauseReason.ExcludedPeriod;
            var text = "在办事项均暂停计时：" + string.Join("；", pauses.Select(p => $"{p.Title}（{p.Period.Pause!.Text}）"));
            var textEn = "Every open step's clock is paused: "
                + string.Join("; ", pauses.Select(p => $"{p.TitleEn} ({p.Period.Pause!.TextEn ?? p.Period.Pause!.Text})"));
            return ClockEvent.Paused(pauses.Max(p => p.Period.From), reason, text, null, textEn);
        }

        if (status == ClockStatus.Paused && !standing && open.Count > 0)
        {
            // Resumes where the first step runs again; a step without a clock of its own (a wait) runs from now.
            var at = open.Where(t => t.Status != ClockStatus.Paused)
                .Min(t => t.Timeline is { Status: ClockStatus.Running } timeline ? timeline.Periods[^1].From : scope.Now);
            return ClockEvent.Resumed(at);
        }

        return null;
    }

    /// <summary>The nodes open under <paramref name="node"/> that do the work (no children), with their clocks read.</summary>
    private static List<(string Title, string TitleEn, ClockTimeline? Timeline, ClockStatus Status)> OpenLeaves(ExecutionScope scope, StepNode node) =>
        [.. node.DescendantsAndSelf()
            .Where(n => n.Children.Count == 0)
            .DistinctBy(n => n.Id)
            .Select(n => (Node: n, State: scope.Peek(n.Id)))
            .Where(t => t.State is { Status: NodeStatus.Active })
            .Select(t => Read(t.Node, t.State!))];

    /// <summary>A step's clock as read now; a step without one (a wait, a notification) counts as running.</summary>
    private static (string Title, string TitleEn, ClockTimeline? Timeline, ClockStatus Status) Read(StepNode node, NodeState state)
    {
        if (state.Clock is not { Count: > 0 } log)
        {
            return (node.DisplayTitle, node.DisplayTitleEn, null, ClockStatus.Running);
        }

        var timeline = ClockTimeline.Of(log);
        return (node.DisplayTitle, node.DisplayTitleEn, timeline, timeline.Status);
    }
}
