using WorkflowEngine.Core.Activities;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Activities;

/// <summary>
/// How a rejection reads as it travels up the flow: a step's own reason, prefixed with the step's title, in both
/// languages; a reason without English (a state written before) reads as written.
/// </summary>
internal static class Rejections
{
    public static LocalizedText ReasonOf(ActivityContext context, StepNode child)
    {
        var state = context.Peek(child);
        var reason = state?.Reason ?? "未说明理由";
        var reasonEn = state?.Reason is null ? "no reason given" : state.ReasonEn ?? state.Reason;
        return child.Children.Count == 0
            ? new LocalizedText($"{child.DisplayTitle}：{reason}", $"{child.DisplayTitleEn}: {reasonEn}")
            : new LocalizedText(reason, reasonEn);
    }

    public static bool IsRejected(NodeState? state) =>
        state is { Status: NodeStatus.Completed, Outcome: StepOutcome.Rejected } or { Status: NodeStatus.Cancelled };
}
