namespace WorkflowEngine.Runtime.Applications;

/// <summary>A message to the applicant, shown on their application.</summary>
public sealed record NotificationRecord(Guid ApplicationId, DateTimeOffset At, string Kind, string Message);
