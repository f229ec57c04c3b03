namespace WorkflowEngine.Runtime.Departments;

/// <summary>The outcome of a clerk's action on a task.</summary>
public sealed record TaskActionResult(TaskActionStatus Status, TaskRecord? Task, ProblemText? Problem)
{
    public static TaskActionResult Ok(TaskRecord task) => new(TaskActionStatus.Ok, task, null);

    public static TaskActionResult NotFound() => new(TaskActionStatus.NotFound, null, new("没有这个办件", "There is no such task"));

    public static TaskActionResult Conflict(TaskRecord task, string zh, string en) => Conflict(task, new ProblemText(zh, en));

    public static TaskActionResult Conflict(TaskRecord task, ProblemText problem) => new(TaskActionStatus.Conflict, task, problem);
}

/// <summary>Ok, no such task, the task's state does not allow the action, the user may not take it, or the request exceeds what the rules allow.</summary>
public enum TaskActionStatus
{
    Ok,
    NotFound,
    Conflict,
    Forbidden,
    Unprocessable,
}
