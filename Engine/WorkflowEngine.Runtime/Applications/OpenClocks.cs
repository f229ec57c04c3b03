using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Activities;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Runtime.Applications;

/// <summary>
/// The clocks of a running application that the administrator's list of late bundles and stages reads: the bundle's
/// while the application runs, a stage's while the stage does. Read off <see cref="ApplicationClocks"/> and turned by
/// <see cref="ClockCards.Turns"/>, as the application's own clock page reads them, so that the list and the page agree.
/// </summary>
public static class OpenClocks
{
    public static IReadOnlyList<OpenClockRecord> Of(
        ApplicationRecord application, WorkflowDefinition definition, ActivityRegistry registry, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(application);
        if (!Runs(application))
        {
            return [];
        }

        var rows = new List<OpenClockRecord>();
        foreach (var clock in ApplicationClocks.Of(definition, application.State, registry))
        {
            var running = clock.Kind == ClockKind.Bundle
                || (clock.Kind == ClockKind.Stage && application.State.Find(clock.Id) is { Status: NodeStatus.Active });
            if (!running || clock.Events.Count == 0)
            {
                continue;
            }

            var promised = clock.Promised is { } p ? ClockCards.Turns(clock.Timeline, p, calendar, clock.YellowShare) : default;
            var statutory = clock.Statutory is { } s ? ClockCards.Turns(clock.Timeline, s, calendar, clock.YellowShare) : default;
            rows.Add(new OpenClockRecord(
                application.Id, clock.Id, clock.Kind == ClockKind.Bundle ? OpenClockRecord.BundleKind : OpenClockRecord.StageKind, application.ServiceId,
                clock.Title, promised.YellowAt, promised.RedAt, statutory.YellowAt, statutory.RedAt, clock.Timeline.Status == ClockStatus.Paused));
        }

        return rows;
    }

    /// <summary>
    /// Whether a run of the interpreter from <paramref name="before"/> to <paramref name="after"/> may have moved the
    /// clocks <see cref="Of"/> reads: the flow's status, the bundle's clock, or a stage among the nodes it changed. Most
    /// runs (a step claimed, reported, completed inside a stage that goes on) do not, and write nothing.
    /// </summary>
    public static bool Moved(InstanceState before, InstanceState after, IReadOnlyCollection<string> changedNodes, WorkflowDefinition definition, ActivityRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(changedNodes);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(registry);
        if (before.Status != after.Status || !(before.Clock ?? []).SequenceEqual(after.Clock ?? []))
        {
            return true;
        }

        foreach (var nodeId in changedNodes)
        {
            if (registry.TryGet(definition.Node(nodeId).ActivityKey, out var activity) && activity.Descriptor is { HasChildren: true, Tracked: true })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the application's flow runs: ended ones (and ones not yet started) list no clock.</summary>
    public static bool Runs(ApplicationRecord application) =>
        application.State.Status == WorkflowStatus.Running
        && !ApplicationStatuses.IsFinished(application.Status);
}
