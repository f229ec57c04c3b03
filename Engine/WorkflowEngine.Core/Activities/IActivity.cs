using FluentValidation.Results;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Core.Activities;

/// <summary>
/// A step type of the definition format. Activities are stateless singletons: everything about one application lives
/// in its <see cref="NodeState"/>, reached through the <see cref="ActivityContext"/>.
/// </summary>
public interface IActivity
{
    ActivityDescriptor Descriptor { get; }

    /// <summary>Checks a node's settings; failures name the settings property (camelCase) they concern.</summary>
    IEnumerable<ValidationFailure> Validate(StepNode node, ValidationEnvironment environment);

    /// <summary>The department that carries the node out, if one does.</summary>
    string? DepartmentOf(StepNode node);

    /// <summary>
    /// The limit the node's clock counts against: its own (promised) time limit, else — for a tracked node whose
    /// definition gives it only a statutory limit (法定时限) — that one; null for a node that is not timed.
    /// </summary>
    WorkingTimeLimit? LimitOf(StepNode node);

    /// <summary>The node's own promised time limit (承诺时限, its <c>limit</c> or <c>wait</c>), if it has one.</summary>
    WorkingTimeLimit? PromisedLimitOf(StepNode node);

    /// <summary>The longest its children can take along the critical path, in working hours.</summary>
    double ChildrenPathHours(StepNode node, Func<StepNode, double> pathOf);

    /// <summary>The node starts.</summary>
    void Execute(ActivityContext context);

    /// <summary>A child of the node completed, was skipped or was cancelled.</summary>
    void OnChildCompleted(ActivityContext context, StepNode child);

    /// <summary>An event addressed to the node arrived (a department's report, a timer).</summary>
    void OnSignal(ActivityContext context, WorkflowEvent signal);

    /// <summary>The node is being cancelled while active: stop what it started.</summary>
    void OnCancel(ActivityContext context, string reason);
}
