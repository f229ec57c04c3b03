using WorkflowEngine.Core.Activities;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Core.Execution;

/// <summary>
/// The functional core: (definition, state, event, now) → (new state, commands). It reads no clock, does no I/O and
/// never changes the state it is given.
/// </summary>
public sealed class WorkflowInterpreter(ActivityRegistry registry)
{
    public ActivityRegistry Registry { get; } = registry;

    /// <summary>Starts a new application's flow; <paramref name="deferred"/> are the materials it was accepted without (容缺).</summary>
    public InterpretResult Start(
        WorkflowDefinition definition,
        ApplicationData application,
        WorkingCalendar calendar,
        DateTimeOffset now,
        IReadOnlyList<string>? deferred = null) =>
        Apply(definition, new InstanceState(), application, new WorkflowStartedEvent { Deferred = deferred }, calendar, now);

    public InterpretResult Apply(
        WorkflowDefinition definition,
        InstanceState state,
        ApplicationData application,
        WorkflowEvent evt,
        WorkingCalendar calendar,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(evt);
        var scope = new ExecutionScope(Registry, definition, state.Clone(), application, calendar, now);
        switch (evt)
        {
            case WorkflowStartedEvent started when scope.State.Nodes.Count == 0:
                scope.State.StartedAt = now;
                scope.State.Clock = [ClockEvent.Started(now)];
                scope.Audit("ApplicationStarted", null, null, null);
                DeferralWatch.Start(scope, started.Deferred);
                scope.ScheduleStart(definition.Flow);
                break;
            case WorkflowStartedEvent:
                scope.Audit("DuplicateStartIgnored", null, null, null);
                break;
            case StepReportEvent e when CommitmentWatch.VerificationOf(scope, e) is { } verified:
                CommitmentWatch.OnReport(scope, verified, e);
                break;
            case StepReportEvent e:
                Route(scope, definition, e.StepId, e);
                break;
            case WorkflowCancelledEvent e:
                scope.CancelWorkflow(e.Reason, e.Actor, OwnWords.Administrator(e.Reason));
                break;
            case WorkflowWithdrawnEvent e:
                scope.WithdrawWorkflow(e.Reason, e.Actor, e.OnBehalfOf);
                break;
            case ClockExtensionRequestedEvent e:
                ClockExtensionWatch.Requested(scope, e);
                break;
            case ClockExtensionDecidedEvent e:
                ClockExtensionWatch.Decided(scope, e);
                break;
            case TimerFiredEvent { TimerId: WarningWatch.TimerId }:
                // Nothing to route: the look below gives what came due.
                break;
            case TimerFiredEvent { TimerId: DeferralWatch.TimerId }:
                DeferralWatch.Fired(scope);
                break;
            case DeferredMaterialSuppliedEvent e:
                DeferralWatch.Supplied(scope, e);
                break;
            case CalendarChangedEvent e:
                scope.Recount(e);
                DeferralWatch.Recount(scope, e);
                CommitmentWatch.Recount(scope, e);
                break;
            case TimerFiredEvent e when CommitmentWatch.IsVerifyTimer(e):
                CommitmentWatch.Fired(scope, e.NodeId);
                break;
            case TimerFiredEvent e:
                Route(scope, definition, e.NodeId, e);
                break;
            default:
                throw new ArgumentException($"Unknown event {evt.GetType().Name}.", nameof(evt));
        }

        scope.Run();
        EnclosingClocks.Follow(scope);
        scope.Run();
        WarningWatch.Look(scope, state, evt, scope.Changed);
        return scope.Result();
    }

    private static void Route(ExecutionScope scope, WorkflowDefinition definition, string nodeId, WorkflowEvent evt)
    {
        if (!definition.Nodes.TryGetValue(nodeId, out var node))
        {
            scope.Audit("UnknownStepReportIgnored", nodeId, null, new Dictionary<string, string?> { ["event"] = evt.GetType().Name });
            return;
        }

        if (scope.State.Status != WorkflowStatus.Running || scope.Peek(nodeId) is not { Status: NodeStatus.Active } state)
        {
            // A resend found a step that moved on since it looked: nothing happened worth a line in the trail.
            if (evt is not StepResendEvent)
            {
                scope.Audit("LateReportIgnored", nodeId, null, new Dictionary<string, string?> { ["event"] = evt.GetType().Name });
            }

            return;
        }

        // Every activity a department carries out hears only from that department, about the current dispatch.
        if (evt is StepReportEvent report)
        {
            if (report.Attempt != state.Attempt)
            {
                if (report is StepResendEvent)
                {
                    return;
                }

                scope.Audit("StaleReportIgnored", nodeId, null, new Dictionary<string, string?> { ["event"] = evt.GetType().Name });
                return;
            }

            if (report.Department is { } from && from != state.Department)
            {
                scope.Audit("ReportFromWrongDepartmentIgnored", nodeId, null, new Dictionary<string, string?> { ["from"] = from, ["owner"] = state.Department });
                return;
            }
        }

        scope.ScheduleSignal(node, evt);
    }
}
