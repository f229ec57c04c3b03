namespace WorkflowEngine.Runtime.Departments;

/// <summary>
/// Which of a department's tasks a queue lists: a <see cref="TaskStatuses.Filters"/> value, optionally one service,
/// only those due by an instant (the "due within N working days" a clerk asks for, already counted), only those with a
/// card ("red" or "yellow"), only those escalated to the department's supervisors, only those whose clock stands still
/// (补正 waiting for the applicant, an excluded period), or only those a clerk's search finds.
/// </summary>
public sealed record TaskQueueFilter(
    string Status, string? Service = null, DateTimeOffset? DueBy = null, string? Card = null, bool SupervisedOnly = false, bool PausedOnly = false,
    TaskSearch? Search = null);
