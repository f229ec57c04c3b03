namespace WorkflowEngine.Runtime.Timers;

/// <summary>A timer an application's flow is waiting on.</summary>
public sealed record TimerRecord(Guid ApplicationId, string TimerId, string NodeId, DateTimeOffset DueAt);
