namespace WorkflowEngine.Runtime.Departments;

/// <summary>
/// One thing done to a department task, kept by the department beside the task for its history (办理记录): what
/// (<see cref="TaskEventKinds"/>), when, by whom, and in a few words what with (the clerk given the task, the reason).
/// </summary>
public sealed record TaskEvent(Guid TaskId, DateTimeOffset At, string Kind, string? Actor, string? Detail = null)
{
    /// <summary>After a detail's code (an excluded period's kind, an outcome), before the words that follow it (its reason).</summary>
    public const char Separator = '|';

    /// <summary>The detail's code and the words after it, if it has both.</summary>
    public (string Code, string? Words) Parts() =>
        Detail?.Split(Separator, 2) is [var code, var words] ? (code, words) : (Detail ?? "", null);
}
