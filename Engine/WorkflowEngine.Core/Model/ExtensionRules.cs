using WorkflowEngine.Calendars;

namespace WorkflowEngine.Core.Model;

/// <summary>
/// How far the bundle's or a stage's clock may be extended, and which department's supervisors approve it
/// (<c>extension: { max, approver }</c>; 行政许可法 Art. 42: 20 working days extendable by 10 with the approval of the
/// head of the organ, joint handling 45 by 15 with that of the government at that level).
/// </summary>
public sealed record ExtensionRules
{
    /// <summary>The working time one extension may add at most.</summary>
    public WorkingTimeLimit? Max { get; init; }

    /// <summary>The code of the department whose supervisors approve or refuse (e.g. the government service centre).</summary>
    public string? Approver { get; init; }
}
