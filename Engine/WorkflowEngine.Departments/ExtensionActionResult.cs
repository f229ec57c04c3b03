namespace WorkflowEngine.Runtime.Departments;

/// <summary>The outcome of asking for, approving or refusing more time on a task.</summary>
public sealed record ExtensionActionResult(TaskActionStatus Status, ExtensionRequest? Extension, ProblemText? Problem)
{
    public static ExtensionActionResult Ok(ExtensionRequest extension) => new(TaskActionStatus.Ok, extension, null);

    public static ExtensionActionResult NotFound(string zh, string en) => new(TaskActionStatus.NotFound, null, new(zh, en));

    public static ExtensionActionResult Conflict(string zh, string en) => Conflict(new ProblemText(zh, en));

    public static ExtensionActionResult Conflict(ProblemText problem) => new(TaskActionStatus.Conflict, null, problem);

    public static ExtensionActionResult Forbidden(string zh, string en) => new(TaskActionStatus.Forbidden, null, new(zh, en));

    public static ExtensionActionResult Unprocessable(string zh, string en) => new(TaskActionStatus.Unprocessable, null, new(zh, en));
}
