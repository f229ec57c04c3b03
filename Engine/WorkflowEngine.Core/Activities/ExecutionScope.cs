using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Conditions;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Core.Activities;

/// <summary>
/// The working memory of one interpreter call: the state being changed, an agenda of work, and the commands and audit
/// lines produced. Work is queued, not recursed, so a long chain of instant steps cannot overflow the stack.
/// </summary>
internal sealed class ExecutionScope
{
    private readonly ActivityRegistry _registry;
    private readonly Queue<WorkItem> _agenda = new();
    private readonly List<EngineCommand> _commands = [];
    private readonly List<AuditEntry> _audit = [];
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);

    public ExecutionScope(
        ActivityRegistry registry,
        WorkflowDefinition definition,
        InstanceState state,
        ApplicationData application,
        WorkingCalendar calendar,
        DateTimeOffset now)
    {
        _registry = registry;
        Definition = definition;
        State = state;
        Application = application;
        Calendar = calendar;
        Now = now;
    }

    public WorkflowDefinition Definition { get; }

    /// <summary>The activity types the definition's nodes name.</summary>
    public ActivityRegistry Registry => _registry;

    public InstanceState State { get; }

    public ApplicationData Application { get; }

    public WorkingCalendar Calendar { get; }

    public DateTimeOffset Now { get; }

    public NodeState? Peek(string nodeId) => State.Find(nodeId);

    public NodeState StateOf(StepNode node)
    {
        if (!State.Nodes.TryGetValue(node.Id, out var state))
        {
            state = new NodeState();
            State.Nodes[node.Id] = state;
        }

        return state;
    }

    public void ScheduleStart(StepNode node) => _agenda.Enqueue(new WorkItem(WorkKind.Start, node, null, null));

    public void ScheduleSignal(StepNode node, WorkflowEvent signal) =>
        _agenda.Enqueue(new WorkItem(WorkKind.Signal, node, null, signal));

    public void Emit(EngineCommand command) => _commands.Add(command);

    public void Audit(string type, string? stepId, string? actor, IReadOnlyDictionary<string, string?>? data) =>
        _audit.Add(new AuditEntry(type, stepId, Now, actor, data));

    public void Touch(StepNode node) => _changed.Add(node.Id);

    /// <summary>The nodes changed so far in this call.</summary>
    public IReadOnlyCollection<string> Changed => _changed;

    /// <summary>The limit a node's clock counts against, if its activity keeps one: its promised limit, else its statutory one.</summary>
    public WorkingTimeLimit? LimitOf(StepNode node) =>
        _registry.TryGet(node.ActivityKey, out var activity) && activity.Descriptor.Tracked ? activity.LimitOf(node) : null;

    /// <summary>The statutory limit a timed node is held to, beside its promised one or alone, if the definition gives it one.</summary>
    public WorkingTimeLimit? StatutoryLimitOf(StepNode node) => LimitOf(node) is null ? null : node.StatutoryLimit;

    public bool Evaluate(Condition condition) => condition.Evaluate(Application.Form);

    public DateTimeOffset StartClock(StepNode node, WorkingTimeLimit limit)
    {
        var state = StateOf(node);
        state.Clock ??= [];
        if (state.Clock.Count == 0)
        {
            state.Clock.Add(ClockEvent.Started(Now));
        }

        state.DueAt = ClockArithmetic.DueAt(state.Clock, limit, Calendar);
        return state.DueAt ?? throw new InvalidOperationException($"The clock of '{node.Id}' did not start.");
    }

    public bool RecordClock(StepNode node, ClockEvent entry, WorkingTimeLimit limit)
    {
        var state = StateOf(node);
        var status = ClockTimeline.Of(state.Clock).Status;
        var fits = entry.Kind switch
        {
            ClockEventKind.Pause => status == ClockStatus.Running,
            ClockEventKind.Resume => status == ClockStatus.Paused,
            ClockEventKind.EndChanged => status == ClockStatus.Paused,
            ClockEventKind.Extend => status is ClockStatus.Running or ClockStatus.Paused,
            _ => false,
        };
        if (!fits)
        {
            return false;
        }

        state.Clock!.Add(entry);
        state.DueAt = ClockArithmetic.DueAt(state.Clock, limit, Calendar);
        Touch(node);
        return true;
    }

    /// <summary>
    /// Counts every running clock again on the calendar as it now stands. A node whose due time moved gets a
    /// <see cref="ClockEventKind.Recount"/> entry, a line in the audit trail, and the event as a signal, so that its
    /// activity tells its department or moves its timer. A clock standing still has no due time to move: it is counted
    /// on the new calendar when it runs again.
    /// </summary>
    public void Recount(CalendarChangedEvent change)
    {
        if (State.Status != WorkflowStatus.Running)
        {
            return;
        }

        foreach (var (id, state) in State.Nodes.ToArray())
        {
            if (state.Status != NodeStatus.Active
                || !Definition.Nodes.TryGetValue(id, out var node)
                || _registry.Get(node.ActivityKey).LimitOf(node) is not { } limit
                || state.DueAt is not { } before)
            {
                continue;
            }

            if (DueOn(state, limit) is not { } moved)
            {
                continue;
            }

            var counting = ClockTimeline.Of(state.Clock).StartedAt ?? state.StartedAt ?? before;
            if (moved == before)
            {
                // The statutory limit may reach into the year loaded while the promised one does not: its due time may
                // have moved alone, and the department and the step's row hear it with the signal below.
                if (!CountsThrough(change, counting, Later(before, StatutoryDueOf(node, state))))
                {
                    continue;
                }

                // Counted through the year just loaded and unmoved: no longer provisional, which the department must hear.
                state.Clock?.Add(ClockEvent.Recounted(Now, change.Note, change.Actor));
                Touch(node);
                Audit("DueConfirmed", id, change.Actor, new Dictionary<string, string?>
                {
                    ["calendar"] = change.CalendarId,
                    ["year"] = change.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["dueAt"] = before.ToString("O"),
                    ["note"] = change.Note,
                });
                ScheduleSignal(node, change);
                continue;
            }

            state.Clock?.Add(ClockEvent.Recounted(Now, change.Note, change.Actor));
            state.DueAt = moved;
            Touch(node);
            Audit("DueRecounted", id, change.Actor, new Dictionary<string, string?>
            {
                ["calendar"] = change.CalendarId,
                ["before"] = before.ToString("O"),
                ["after"] = moved.ToString("O"),
                ["note"] = change.Note,
            });
            ScheduleSignal(node, change);
        }
    }

    /// <summary>A node's due time against a limit on the calendar now in force: from its clock's log, or from its start.</summary>
    private DateTimeOffset? DueOn(NodeState state, WorkingTimeLimit limit) =>
        state.Clock is { Count: > 0 } clock
            ? ClockArithmetic.DueAt(clock, limit, Calendar)
            : state.StartedAt is { } started ? Calendar.Add(started, limit) : null;

    /// <summary>A step's statutory due time on the calendar now in force, if it has a statutory limit.</summary>
    private DateTimeOffset? StatutoryDueOf(StepNode node, NodeState state) =>
        StatutoryLimitOf(node) is { } statutory ? DueOn(state, statutory) : null;

    private static DateTimeOffset Later(DateTimeOffset due, DateTimeOffset? other) => other is { } o && o > due ? o : due;

    /// <summary>Whether the year a calendar change loaded lies between a clock's start and its due time.</summary>
    private bool CountsThrough(CalendarChangedEvent change, DateTimeOffset from, DateTimeOffset due) =>
        change.Year is { } year && Calendar.DateOf(from).Year <= year && year <= Calendar.DateOf(due).Year;

    /// <summary>Stops a node's clock, if it keeps one, and derives its due time from the log again.</summary>
    private void StopClock(StepNode node, NodeState state, DateTimeOffset at)
    {
        if (state.Clock is not { Count: > 0 } clock || _registry.Get(node.ActivityKey).LimitOf(node) is not { } limit)
        {
            return;
        }

        clock.Add(ClockEvent.Stopped(at));
        state.DueAt = ClockArithmetic.DueAt(clock, limit, Calendar) ?? state.DueAt;
    }

    public void Skip(StepNode node, string reason, bool notifyParent, string? reasonEn)
    {
        var state = StateOf(node);
        state.Status = NodeStatus.Skipped;
        state.Reason = reason;
        state.ReasonEn = reasonEn;
        state.CompletedAt = Now;
        Touch(node);
        Audit("StepSkipped", node.Id, null, new Dictionary<string, string?> { ["reason"] = reason });
        if (notifyParent)
        {
            NotifyParent(node);
        }
    }

    public void Complete(StepNode node, StepOutcome outcome, string? reason, IReadOnlyDictionary<string, string?>? decision, string? reasonEn = null)
    {
        var state = StateOf(node);
        if (state.Status != NodeStatus.Active)
        {
            return;
        }

        state.Status = NodeStatus.Completed;
        state.Outcome = outcome;
        if (reason is not null)
        {
            state.Reason = reason;
            state.ReasonEn = reasonEn;
        }
        state.CompletedAt ??= Now;
        StopClock(node, state, state.CompletedAt.Value);
        if (state.DueAt is { } due)
        {
            state.OnTime = state.CompletedAt <= due;
        }

        Touch(node);
        ReleaseTimer(state);
        if (_registry.Get(node.ActivityKey).Descriptor.Tracked)
        {
            var data = decision is null ? new Dictionary<string, string?>() : new Dictionary<string, string?>(decision);
            if (reason is not null)
            {
                data["reason"] = reason;
            }

            Audit(outcome == StepOutcome.Approved ? AuditTypes.StepApproved : AuditTypes.StepRejected, node.Id, state.CompletedBy, data.Count == 0 ? null : data);
        }

        NotifyParent(node);
    }

    public void Cancel(StepNode node, string reason, string? reasonEn)
    {
        if (State.Find(node.Id) is not { Status: NodeStatus.Active } state)
        {
            return;
        }

        // Before the activity hears of it, so that what it cancels in turn can take the English from here.
        state.Reason = reason;
        state.ReasonEn = reasonEn;
        _registry.Get(node.ActivityKey).OnCancel(new ActivityContext(this, node), reason);
        state.Status = NodeStatus.Cancelled;
        state.CompletedAt = Now;
        StopClock(node, state, Now);
        ReleaseTimer(state);
        Touch(node);
        if (_registry.Get(node.ActivityKey).Descriptor.Tracked)
        {
            Audit("StepCancelled", node.Id, null, new Dictionary<string, string?> { ["reason"] = reason });
        }
    }

    /// <summary>
    /// Ends a running application at an administrator's word: every active node is cancelled (departments holding a
    /// step are told), the application ends as cancelled, and any certificate issued on the way is void.
    /// </summary>
    public void CancelWorkflow(string reason, string actor, string reasonEn)
    {
        if (State.Status != WorkflowStatus.Running)
        {
            Audit("LateCancellationIgnored", null, actor, new Dictionary<string, string?> { ["reason"] = reason });
            return;
        }

        EndWorkflow(WorkflowStatus.Cancelled, reason, reasonEn);
        Audit(AuditTypes.ApplicationCancelled, null, actor, new Dictionary<string, string?> { ["reason"] = reason });
        Emit(NotifyApplicant.Of("cancelled", $"您的申请（{Application.TrackingNumber}）已终止办理：{reason}",
            $"Your application ({Application.TrackingNumber}) has been ended: {reasonEn}"));
    }

    /// <summary>
    /// The applicant withdraws the application (撤回) before it is decided: it ends as an administrator's cancellation
    /// does (departments drop their steps, clocks and timers stop), but as withdrawn; <paramref name="typed"/> is their reason, if any,
    /// and <paramref name="onBehalfOf"/> the walk-in citizen the window staff <paramref name="actor"/> withdrew it for.
    /// </summary>
    public void WithdrawWorkflow(string? typed, string actor, string? onBehalfOf = null)
    {
        if (State.Status != WorkflowStatus.Running)
        {
            Audit("LateWithdrawalIgnored", null, actor, new Dictionary<string, string?> { ["reason"] = typed });
            return;
        }

        var reason = string.IsNullOrWhiteSpace(typed) ? "申请人撤回申请" : $"申请人撤回申请：{typed}";
        var reasonEn = string.IsNullOrWhiteSpace(typed) ? "The applicant withdrew the application" : $"The applicant withdrew the application: “{typed}” (the applicant's own words)";
        EndWorkflow(WorkflowStatus.Withdrawn, reason, reasonEn);
        var detail = new Dictionary<string, string?> { ["reason"] = typed };
        if (onBehalfOf is not null)
        {
            detail["onBehalfOf"] = onBehalfOf;
        }

        Audit(AuditTypes.ApplicationWithdrawn, null, actor, detail);
        Emit(NotifyApplicant.Of("withdrawn", $"您的申请（{Application.TrackingNumber}）已撤回，各部门不再办理。",
            $"Your application ({Application.TrackingNumber}) has been withdrawn; the departments no longer handle it."));
    }

    private void EndWorkflow(WorkflowStatus status, string reason, string reasonEn)
    {
        Cancel(Definition.Flow, reason, reasonEn);
        DeferralWatch.Stop(this);
        CommitmentWatch.Drop(this, reason, reasonEn);
        State.Status = status;
        State.CompletedAt = Now;
        State.Clock?.Add(ClockEvent.Stopped(Now));
        State.Reason = reason;
        State.ReasonEn = reasonEn;
        VoidCertificates(reason, reasonEn);
        Emit(new CompleteApplication(status, reason) { ReasonEn = reasonEn });
    }

    /// <summary>
    /// The bundle does not end approved, so nothing it issued stands: every certificate still valid is revoked (作废) with
    /// the reason in both languages, in the commit that records the end.
    /// </summary>
    public void VoidCertificates(string reason, string? reasonEn) => Emit(new RevokeCertificates(reason) { ReasonEn = reasonEn });

    /// <summary>Runs the agenda until nothing is left to do; an activity that fails is named by the exception.</summary>
    public void Run()
    {
        while (_agenda.TryDequeue(out var item))
        {
            try
            {
                RunItem(item);
            }
            catch (Exception ex) when (ex is not (OutOfMemoryException or StepExecutionException))
            {
                throw new StepExecutionException(item.Node.Id, item.Node.ActivityKey, ex);
            }
        }
    }

    private void RunItem(WorkItem item)
    {
        switch (item.Kind)
        {
            case WorkKind.Start:
                RunStart(item.Node);
                break;
            case WorkKind.ChildCompleted:
                if (State.Find(item.Node.Id) is { Status: NodeStatus.Active })
                {
                    _registry.Get(item.Node.ActivityKey).OnChildCompleted(new ActivityContext(this, item.Node), item.Child!);
                }

                break;
            case WorkKind.Signal:
                _registry.Get(item.Node.ActivityKey).OnSignal(new ActivityContext(this, item.Node), item.Signal!);
                break;
        }
    }

    public InterpretResult Result() => new(State, _commands, _audit, _changed);

    private void RunStart(StepNode node)
    {
        // A node already reached, or one whose parent finished before its turn came (a join met, a sibling rejected), never starts.
        if (State.Find(node.Id) is not null || (node.Parent is { } parent && Peek(parent.Id) is not { Status: NodeStatus.Active }))
        {
            return;
        }

        if (node.When is { } when && !Evaluate(when))
        {
            var reason = when.NotMetReason(Definition.Fields);
            Skip(node, reason.Zh, notifyParent: true, reason.En);
            return;
        }

        var state = StateOf(node);
        state.Status = NodeStatus.Active;
        state.StartedAt = Now;
        Touch(node);
        _registry.Get(node.ActivityKey).Execute(new ActivityContext(this, node));
    }

    /// <summary>A node that ends takes its pending timer with it.</summary>
    private void ReleaseTimer(NodeState state)
    {
        if (state.TimerId is { } timer)
        {
            Emit(new CancelTimer(timer));
            state.TimerId = null;
        }
    }

    private void NotifyParent(StepNode node)
    {
        if (node.Parent is { } parent)
        {
            _agenda.Enqueue(new WorkItem(WorkKind.ChildCompleted, parent, node, null));
            return;
        }

        FinishWorkflow(StateOf(node));
    }

    private void FinishWorkflow(NodeState root)
    {
        if (State.Status != WorkflowStatus.Running)
        {
            return;
        }

        State.Status = root.Status == NodeStatus.Completed && root.Outcome == StepOutcome.Rejected
            ? WorkflowStatus.Rejected
            : WorkflowStatus.Completed;
        State.CompletedAt = Now;
        State.Clock?.Add(ClockEvent.Stopped(Now));
        State.Reason = root.Reason;
        State.ReasonEn = root.ReasonEn;
        if (State.Status == WorkflowStatus.Completed && CommitmentWatch.FirstRevoked(this) is { } revoked)
        {
            // An approval on commitment revoked while the flow ran: the bundle did not get everything it asked for.
            State.Status = WorkflowStatus.Rejected;
            State.Reason = revoked.Reason;
            State.ReasonEn = revoked.ReasonEn;
        }

        if (State.Status == WorkflowStatus.Rejected)
        {
            // However the flow came to be refused (a join made unreachable by a revoked approval or a refusal, a refusal
            // on the way), what a step issued on the way does not stand, and so no approval on commitment needs checking.
            VoidCertificates(State.Reason ?? "", State.ReasonEn);
            CommitmentWatch.Drop(this, State.Reason ?? "", State.ReasonEn);
        }

        DeferralWatch.Stop(this);
        Emit(new CompleteApplication(State.Status, State.Reason) { ReasonEn = State.ReasonEn });
        Audit(State.Status == WorkflowStatus.Completed ? AuditTypes.ApplicationCompleted : AuditTypes.ApplicationRejected, null, null,
            State.Reason is null ? null : new Dictionary<string, string?> { ["reason"] = State.Reason });
        Emit(State.Status == WorkflowStatus.Completed
            ? NotifyApplicant.Of("completed", $"您的申请（{Application.TrackingNumber}）已全部办结。",
                $"Your application ({Application.TrackingNumber}) is complete: every step is done.")
            : NotifyApplicant.Of("rejected", $"您的申请（{Application.TrackingNumber}）未获批准：{State.Reason}",
                $"Your application ({Application.TrackingNumber}) was not approved: {State.ReasonEn ?? State.Reason}"));
    }

    private enum WorkKind
    {
        Start,
        ChildCompleted,
        Signal,
    }

    private readonly record struct WorkItem(WorkKind Kind, StepNode Node, StepNode? Child, WorkflowEvent? Signal);
}
