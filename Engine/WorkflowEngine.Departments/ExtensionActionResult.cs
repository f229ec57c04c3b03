namespace WorkflowEngine.Runtime.Departments;

/// <summary>The outcome of asking for, approving or refusing more time on a task.</summary>
public sealed record ExtensionActionResult(TaskActionStatus Status, ExtensionRequest? Extension, string? Problem)
{
    public static ExtensionActionResult Ok(ExtensionRequest extension) => new(TaskActionStatus.Ok, extension, null);

    public static ExtensionActionResult NotFound(string problem) => new(TaskActionStatus.NotFound, null, problem);

    public static ExtensionActionResult Conflict(string problem) => new(TaskActionStatus.Conflict, null, problem);

    public static ExtensionActionResult Forbidden(string problem) => new(TaskActionStatus.Forbidden, null, problem);

    public static ExtensionActionResult Unprocessable(string problem) => new(TaskActionStatus.Unprocessable, null, problem);
}
