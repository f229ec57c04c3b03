using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Testing;

/// <summary>Drives one application through the pure interpreter, as the shell would, keeping every command it produced.</summary>
public sealed class FlowHarness
{
    private readonly WorkflowInterpreter _interpreter = new(Catalog.Activities);
    private readonly List<EngineCommand> _commands = [];
    private readonly List<AuditEntry> _audit = [];

    public FlowHarness(WorkflowDefinition definition, IReadOnlyDictionary<string, object?>? form = null, DateTimeOffset? start = null)
    {
        Definition = definition;
        Application = new ApplicationData(Guid.NewGuid(), "TEST-0001", form ?? new Dictionary<string, object?>());
        Now = start ?? new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
    }

    public WorkflowDefinition Definition { get; }

    public ApplicationData Application { get; }

    public DateTimeOffset Now { get; set; }

    /// <summary>The calendar the next event is applied on: a test loads a new year's arrangement by setting it.</summary>
    public WorkingCalendar Calendar { get; set; } = Catalog.Calendar;

    public InstanceState State { get; private set; } = new();

    public IReadOnlyList<EngineCommand> Commands => _commands;

    public IReadOnlyList<AuditEntry> Audit => _audit;

    public InterpretResult? Last { get; private set; }

    public FlowHarness Start() => Apply(new WorkflowStartedEvent());

    public FlowHarness Apply(WorkflowEvent evt)
    {
        Last = _interpreter.Apply(Definition, State, Application, evt, Calendar, Now);
        State = Last.State;
        _commands.AddRange(Last.Commands);
        _audit.AddRange(Last.Audit);
        return this;
    }

    public FlowHarness Approve(string stepId, IReadOnlyDictionary<string, string>? outputs = null) =>
        Apply(new StepCompletedEvent(stepId, AttemptOf(stepId), StepOutcome.Approved, null, outputs, "clerk", Now, null));

    public FlowHarness Reject(string stepId, string reason) =>
        Apply(new StepCompletedEvent(stepId, AttemptOf(stepId), StepOutcome.Rejected, reason, null, "clerk", Now, null));

    public FlowHarness FireTimer(string timerId, string nodeId) => Apply(new TimerFiredEvent(timerId, nodeId));

    public int AttemptOf(string stepId) => State.Find(stepId)?.Attempt ?? 0;

    public NodeState? Step(string stepId) => State.Find(stepId);

    public IEnumerable<string> Dispatched => _commands.OfType<DispatchStep>().Select(d => d.StepId);

    public IEnumerable<string> Recalled => _commands.OfType<RecallStep>().Select(r => r.StepId);

    /// <summary>Department steps dispatched and still waiting for their department.</summary>
    public IEnumerable<string> Waiting => State.Nodes
        .Where(n => n.Value.Status == NodeStatus.Active && Definition.Node(n.Key).ActivityKey == "department-task")
        .Select(n => n.Key)
        .Order(StringComparer.Ordinal);
}
