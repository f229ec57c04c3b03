namespace WorkflowEngine.Runtime.Monitoring;

/// <summary>A step waiting on its department, as the stuck-work check finds it.</summary>
public sealed record WaitingStep(Guid ApplicationId, string StepId, int Attempt, string? Department);
