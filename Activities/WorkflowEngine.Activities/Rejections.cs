using WorkflowEngine.Core.Activities;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Activities;

/// <summary>How a rejection reads as it travels up the flow: a step's own reason, prefixed with the step's title.</summary>
internal static class Rejections
{
    public static string ReasonOf(ActivityContext context, StepNode child)
    {
        var state = context.Peek(child);
        var reason = state?.Reason ?? "未说明理由";
        return child.Children.Count == 0 ? $"{child.DisplayTitle}：{reason}" : reason;
    }

    public static bool IsRejected(NodeState? state) =>
        state is { Status: NodeStatus.Completed, Outcome: StepOutcome.Rejected } or { Status: NodeStatus.Cancelled };
}
