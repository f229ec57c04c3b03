using FluentValidation.Results;
using WorkflowEngine.Core.Activities;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Activities;

/// <summary>
/// An exclusive choice: the first child whose <c>when</c> holds over the form data runs, the others are skipped.
/// A last child without <c>when</c> is the otherwise-branch.
/// </summary>
[Activity("decision", Description = "条件分支：按申请表数据选择第一个满足 when 条件的分支", DescriptionEn = "Decision: takes the first branch whose when condition the application's data meets", HasChildren = true)]
public sealed class Decision : Activity<NoSettings>
{
    /// <summary>A branch without <c>when</c> is always taken, so only the last may lack one.</summary>
    public override IEnumerable<ValidationFailure> Validate(StepNode node, ValidationEnvironment environment)
    {
        for (var i = 0; i < node.Children.Count - 1; i++)
        {
            if (node.Children[i].When is null)
            {
                yield return new ValidationFailure($"steps[{i}].when", "没有 when 的分支总会被选中，须放在最后（作为“其他情况”）")
                {
                    CustomState = "A branch without when is always chosen, so it comes last (as the otherwise-branch)",
                };
            }
        }
    }

    public override double ChildrenPathHours(StepNode node, Func<StepNode, double> pathOf) =>
        node.Children.Count == 0 ? 0 : node.Children.Max(pathOf);

    public override void Execute(ActivityContext context)
    {
        StepNode? chosen = null;
        foreach (var child in context.Node.Children)
        {
            if (chosen is null && (child.When is null || context.Evaluate(child.When)))
            {
                chosen = child;
                continue;
            }

            context.Skip(child, chosen is null
                ? child.When!.NotMetReason(context.Definition.Fields)
                : new LocalizedText("已选择其他分支", "Not needed: another branch was taken"));
        }

        if (chosen is null)
        {
            context.Audit("NoBranchTaken");
            context.Complete(StepOutcome.Approved);
            return;
        }

        context.Start(chosen);
    }

    public override void OnChildCompleted(ActivityContext context, StepNode child)
    {
        var state = context.Peek(child);
        if (Rejections.IsRejected(state))
        {
            context.Complete(StepOutcome.Rejected, Rejections.ReasonOf(context, child));
            return;
        }

        context.Complete(StepOutcome.Approved);
    }
}
