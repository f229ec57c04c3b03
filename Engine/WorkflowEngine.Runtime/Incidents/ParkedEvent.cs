using WorkflowEngine.Core.Execution;

namespace WorkflowEngine.Runtime.Incidents;

/// <summary>An event an incident holds back, with when it arrived.</summary>
public sealed record ParkedEvent(WorkflowEvent Event, DateTimeOffset At);
