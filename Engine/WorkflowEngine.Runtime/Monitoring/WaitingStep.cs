namespace WorkflowEngine.Runtime.Monitoring;

/// <summary>
/// A step waiting on its department, as the stuck-work check sees it: its status (<c>dispatched</c>, not yet
/// acknowledged; <c>received</c> or <c>claimed</c>, held) and when the engine last sent it or heard about it.
/// </summary>
public sealed record WaitingStep(Guid ApplicationId, string StepId, int Attempt, string? Department, string Status, DateTimeOffset LastContactAt);
