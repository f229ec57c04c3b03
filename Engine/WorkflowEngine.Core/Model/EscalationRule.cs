using WorkflowEngine.Calendars;

namespace WorkflowEngine.Core.Model;

/// <summary>
/// What happens to a step (or every open step of a stage) once its yellow or red card came and, optionally, a further
/// working time passed without a decision (升级督办): the department's queue puts it first (<see cref="Priority"/>),
/// and with <see cref="Supervise"/> its supervisors are told and see it among the steps they supervise.
/// </summary>
public sealed record EscalationRule
{
    /// <summary>The card it follows: <c>yellow</c> or <c>red</c>.</summary>
    public string? Card { get; init; }

    /// <summary>Working time after the card before it applies; at the card itself when absent.</summary>
    public WorkingTimeLimit? After { get; init; }

    /// <summary>The task's priority in its department's queue from then on: <c>high</c> (加急) or <c>urgent</c> (特急).</summary>
    public string? Priority { get; init; }

    /// <summary>The department's supervisors are told and the task is marked supervised (督办).</summary>
    public bool Supervise { get; init; }
}

/// <summary>The names an escalation rule uses, as written in a definition and sent to departments.</summary>
public static class EscalationNames
{
    public const string Yellow = "yellow";

    public const string Red = "red";

    public const string High = "high";

    public const string Urgent = "urgent";
}
