using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Core.Activities;

/// <summary>What an activity may see and do while the interpreter applies one event to one node.</summary>
public sealed class ActivityContext
{
    private readonly ExecutionScope _scope;

    internal ActivityContext(ExecutionScope scope, StepNode node)
    {
        _scope = scope;
        Node = node;
    }

    public StepNode Node { get; }

    public NodeState State => _scope.StateOf(Node);

    public DateTimeOffset Now => _scope.Now;

    public WorkingCalendar Calendar => _scope.Calendar;

    public ApplicationData Application => _scope.Application;

    public WorkflowDefinition Definition => _scope.Definition;

    /// <summary>The state of any node, or null when the node was never reached.</summary>
    public NodeState? Peek(StepNode node) => _scope.Peek(node.Id);

    public NodeState? Peek(string nodeId) => _scope.Peek(nodeId);

    public DateTimeOffset DueAfter(WorkingTimeLimit limit) => Calendar.Add(Now, limit);

    /// <summary>
    /// Starts the node's clock on its limit (once; a node started again keeps its log) and returns the due time
    /// derived from it, which is also kept in <see cref="NodeState.DueAt"/>.
    /// </summary>
    public DateTimeOffset StartClock(WorkingTimeLimit limit) => _scope.StartClock(Node, limit);

    /// <summary>
    /// Pauses, resumes or extends the node's clock and derives its due time again (none while paused); false, and
    /// nothing recorded, where the entry makes no sense (a pause while paused, a resume while running, a stopped clock).
    /// </summary>
    public bool RecordClock(ClockEvent entry, WorkingTimeLimit limit) => _scope.RecordClock(Node, entry, limit);

    /// <summary>The materials this node uses that were accepted late (容缺), are past their due time and still missing.</summary>
    public IReadOnlyList<DeferredMaterial> OverdueMaterials => DeferralWatch.BlockingFor(_scope, Node);

    /// <summary>
    /// After an approval on commitment (告知承诺): the verification task (事后核查) comes to the department at
    /// <paramref name="at"/>, whatever has become of the application by then.
    /// </summary>
    public void ScheduleVerification(DateTimeOffset at) => Emit(new ScheduleTimer(CommitmentWatch.TimerIdOf(Node.Id), Node.Id, at));

    /// <summary>
    /// True when <paramref name="fired"/> came before the time it now watches for (<paramref name="movedTo"/>, later than
    /// now): it was leased before a pause, an extension, a changed calendar or a recount by another process moved that
    /// time. The shell removed the fired timer, so it is scheduled again for the moved time, and the caller ignores the firing.
    /// </summary>
    public bool FiredBeforeItsTime(TimerFiredEvent fired, DateTimeOffset? movedTo)
    {
        ArgumentNullException.ThrowIfNull(fired);
        if (movedTo is not { } at || at <= Now)
        {
            return false;
        }

        Emit(new ScheduleTimer(fired.TimerId, Node.Id, at));
        return true;
    }

    /// <summary>Starts a child (it is skipped instead when its own <c>when</c> is false).</summary>
    public void Start(StepNode child) => _scope.ScheduleStart(child);

    /// <summary>Marks a child skipped without starting it (a decision's branches not taken); the reason in both languages.</summary>
    public void Skip(StepNode child, LocalizedText reason) => _scope.Skip(child, reason.Zh, notifyParent: false, reason.En);

    /// <summary>Completes this node; its parent hears of it next.</summary>
    public void Complete(StepOutcome outcome) => _scope.Complete(Node, outcome, null, null);

    /// <summary>Completes this node for a reason the engine words, in both languages; its parent hears of it next.</summary>
    public void Complete(StepOutcome outcome, LocalizedText reason) => _scope.Complete(Node, outcome, reason.Zh, null, reason.En);

    /// <summary>
    /// Completes this node; <paramref name="decision"/> is added to its decision's audit line (what it was decided on);
    /// <paramref name="reason"/> is as a person typed it, or the engine's words with <paramref name="reasonEn"/> beside them.
    /// </summary>
    public void Complete(StepOutcome outcome, string? reason, IReadOnlyDictionary<string, string?>? decision, string? reasonEn = null) =>
        _scope.Complete(Node, outcome, reason, decision, reasonEn);

    /// <summary>Cancels an active node and everything it started; the reason in both languages.</summary>
    public void Cancel(StepNode node, LocalizedText reason) => _scope.Cancel(node, reason.Zh, reason.En);

    /// <summary>Ends the whole application as cancelled, for a reason the applicant is told (e.g. deemed withdrawn), in both languages.</summary>
    public void EndApplication(string reason, string reasonEn) => _scope.CancelWorkflow(reason, SystemActor, reasonEn);

    /// <summary>The actor of what the engine does by itself, on a timer.</summary>
    public const string SystemActor = "system";

    public void Emit(EngineCommand command) => _scope.Emit(command);

    public void Audit(string type, IReadOnlyDictionary<string, string?>? data = null, string? actor = null) =>
        _scope.Audit(type, Node.Id, actor, data);

    public bool Evaluate(Conditions.Condition condition) => _scope.Evaluate(condition);

    /// <summary>Records that the node changed, so the shell writes its step row.</summary>
    public void Touch() => _scope.Touch(Node);
}
