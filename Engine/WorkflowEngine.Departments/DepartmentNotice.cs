namespace WorkflowEngine.Runtime.Departments;

/// <summary>
/// A notice for a department's supervisors: a task of theirs turned red (its due time passed while it is open), and the
/// like; <paramref name="MessageEn"/> is <paramref name="Message"/> in English, null on notices kept before it was, and
/// <paramref name="TitleEn"/> the task's title in English, null where the engine sent none.
/// </summary>
public sealed record DepartmentNotice(
    Guid Id,
    string Department,
    Guid TaskId,
    Guid ApplicationId,
    string TrackingNumber,
    string StepId,
    string Title,
    string Kind,
    string Message,
    DateTimeOffset DueAt,
    DateTimeOffset CreatedAt,
    string? MessageEn = null,
    string? TitleEn = null);
