using WorkflowEngine.Core.Activities;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Activities;

/// <summary>Runs a node's children one after another, stopping at the first rejection; shared by sequence and stage.</summary>
internal static class Sequential
{
    public static void StartFirst(ActivityContext context)
    {
        if (context.Node.Children.Count == 0)
        {
            context.Complete(StepOutcome.Approved);
            return;
        }

        context.State.Cursor = 0;
        context.Start(context.Node.Children[0]);
    }

    public static void Continue(ActivityContext context, StepNode child)
    {
        if (Rejections.IsRejected(context.Peek(child)))
        {
            context.Complete(StepOutcome.Rejected, Rejections.ReasonOf(context, child));
            return;
        }

        var next = context.State.Cursor + 1;
        if (next >= context.Node.Children.Count)
        {
            context.Complete(StepOutcome.Approved);
            return;
        }

        context.State.Cursor = next;
        context.Start(context.Node.Children[next]);
    }
}
