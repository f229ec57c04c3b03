namespace WorkflowEngine.Hosting.Api;

/// <summary>A notice for a department's supervisors (a task turned red), in Shanghai time.</summary>
public sealed record NoticeDto(
    Guid Id,
    string Kind,
    string Message,
    Guid TaskId,
    Guid ApplicationId,
    string TrackingNumber,
    string StepId,
    string Title,
    DateTimeOffset DueAt,
    DateTimeOffset CreatedAt);
